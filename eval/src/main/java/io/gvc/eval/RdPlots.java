package io.gvc.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Rate-distortion curves as PNG, one chart per clip and metric, bits per pixel on a log axis. */
public final class RdPlots {

    /** Fixed colours per codec, so every chart of a report reads the same way. */
    private static final Map<String, Color> COLOURS = Map.of(
            "gvc-flf2v", new Color(0xD6, 0x27, 0x28),
            "gvc-i2v", new Color(0xFF, 0x7F, 0x0E),
            "gvc-t2v", new Color(0x94, 0x67, 0xBD),
            "x264", new Color(0x1F, 0x77, 0xB4),
            "x265", new Color(0x2C, 0xA0, 0x2C),
            "interp", new Color(0x7F, 0x7F, 0x7F));

    /** gvc-m0 curves: the baselines' width, dashed. */
    private static final BasicStroke DASHED = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {6f, 4f}, 0f);

    private RdPlots() {
    }

    /** A codec's colour in every chart (gvc-m0 takes its variant's); null for one without a fixed colour. */
    static Color colour(String codec) {
        return COLOURS.get(PointSpec.isM0(codec) ? "gvc-" + codec.substring(PointSpec.M0.length() + 1) : codec);
    }

    /** The chart file of a clip and metric, relative to the output folder. */
    public static String path(String clip, Metric metric) {
        return clip + "/rd_" + metric.key + ".png";
    }

    /** Writes one chart per metric for the clip's points; returns the files written, relative to {@code out}. */
    public static List<String> write(Path out, String clip, List<PointResult> points, List<Metric> metrics)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<String> written = new ArrayList<>();
        for (Metric metric : metrics) {
            String rel = path(clip, metric);
            save(chart(clip, points, metric), out.resolve(rel));
            written.add(rel);
        }
        return written;
    }

    /** Writes a chart as PNG, creating its folder. */
    static void save(XYChart chart, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream os = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, os, BitmapEncoder.BitmapFormat.PNG);
        }
    }

    static XYChart chart(String clip, List<PointResult> points, Metric metric) {
        XYChart chart = new XYChartBuilder().width(760).height(520).theme(Styler.ChartTheme.XChart)
                .title(clip + ": " + metric.label)
                .xAxisTitle("bits per pixel (log scale)").yAxisTitle(metric.label).build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setXAxisDecimalPattern("0.###");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE); // never over the curves
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setMarkerSize(7);
        Map<String, List<PointResult>> byCodec = new LinkedHashMap<>();
        for (PointResult p : points) {
            if (metric.value(p) != null) {
                byCodec.computeIfAbsent(p.codec(), k -> new ArrayList<>()).add(p);
            }
        }
        for (var e : byCodec.entrySet()) {
            List<PointResult> ps = new ArrayList<>(e.getValue());
            ps.sort(Comparator.comparingDouble(PointResult::bpp));
            List<Double> x = new ArrayList<>(), y = new ArrayList<>();
            for (PointResult p : ps) {
                x.add(p.bpp());
                y.add(metric.value(p));
            }
            String codec = e.getKey();
            XYSeries s = chart.addSeries(codec, x, y);
            boolean m0 = PointSpec.isM0(codec);
            s.setMarker(PointSpec.isGvc(codec) ? SeriesMarkers.DIAMOND : m0 ? SeriesMarkers.TRIANGLE_UP
                    : codec.equals(PointSpec.INTERP) ? SeriesMarkers.SQUARE : SeriesMarkers.CIRCLE);
            // gvc-m0: its variant's colour, dashed, so each variant sits beside its own curve without atoms
            Color c = colour(codec);
            if (c != null) {
                s.setLineColor(c);
                s.setMarkerColor(c);
            }
            s.setLineStyle(m0 ? DASHED : new BasicStroke(PointSpec.isGvc(codec) ? 2.5f : 1.5f));
        }
        return chart;
    }
}
