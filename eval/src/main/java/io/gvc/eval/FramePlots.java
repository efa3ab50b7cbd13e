package io.gvc.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Quality frame by frame, one chart per GVC point: the point's LPIPS (PSNR-Y where the run has no
 * LPIPS) on every frame, its keyframes marked, beside the x265 (else x264) point and the gvc-m0
 * point nearest in rate, so a reader sees whether the loss is on the keyframes or on the frames
 * between them. Drawn from the points' {@link FrameTable}s; a point without one (measured by an
 * older eval) is left out of its chart.
 */
final class FramePlots {

    /** gvc-m0 in grey here: beside its own GVC point its variant's colour would not tell them apart. */
    private static final Color M0 = new Color(0x7F, 0x7F, 0x7F);
    /** Darker than the GVC line, so a keyframe stands out where the line turns at it. */
    private static final Color KEYFRAME = new Color(0x5A, 0x0A, 0x0A);

    private FramePlots() {
    }

    /** The charts written, relative to {@code out}; none for a clip without GVC points or tables. */
    static List<String> write(Path out, String clip, List<PointResult> points) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<PointResult> conventional = Comparisons.conventional(points);
        List<String> written = new ArrayList<>();
        for (PointResult g : points) {
            if (!g.isGvc()) {
                continue;
            }
            List<FrameTable.Row> rows = FrameTable.read(out.resolve(g.file()));
            if (rows.isEmpty()) {
                continue;
            }
            boolean lpips = !Double.isNaN(rows.get(0).lpips());
            XYChart chart = new XYChartBuilder().width(760).height(400).theme(Styler.ChartTheme.XChart)
                    .title(clip + ": " + g.codec() + " " + g.setting() + ", frame by frame")
                    .xAxisTitle("frame").yAxisTitle(lpips ? Metric.LPIPS.label : Metric.PSNR_Y.label).build();
            chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
            chart.getStyler().setChartBackgroundColor(Color.WHITE);
            chart.getStyler().setMarkerSize(8);
            add(chart, label(g), rows, lpips, colourOr(g.codec(), Color.RED), 2.5f);
            keyframes(chart, rows, lpips);
            PointResult near = Comparisons.nearest(conventional, g.bpp());
            if (near != null) {
                add(chart, label(near), FrameTable.read(out.resolve(near.file())), lpips, colourOr(near.codec(), Color.BLUE),
                        1.5f);
            }
            PointResult m0 = Comparisons.nearest(points.stream()
                    .filter(p -> p.codec().equals(PointSpec.m0For(g.codec()))).toList(), g.bpp());
            if (m0 != null) {
                add(chart, label(m0), FrameTable.read(out.resolve(m0.file())), lpips, M0, 1.5f);
            }
            String rel = clip + "/frames_" + g.codec() + "_" + PointSpec.fileStem(g.setting()) + ".png";
            RdPlots.save(chart, out.resolve(rel));
            written.add(rel);
        }
        return written;
    }

    private static Color colourOr(String codec, Color otherwise) {
        Color c = RdPlots.colour(codec);
        return c == null ? otherwise : c;
    }

    private static String label(PointResult p) {
        return String.format(java.util.Locale.ROOT, "%s %s (%.4f bpp)", p.codec(), p.setting(), p.bpp());
    }

    private static double value(FrameTable.Row r, boolean lpips) {
        return lpips ? r.lpips() : r.psnrY();
    }

    /** A point's line; nothing where its table is missing or has no LPIPS the chart needs. */
    private static void add(XYChart chart, String name, List<FrameTable.Row> rows, boolean lpips, Color colour,
                            float width) {
        if (rows.isEmpty() || (lpips && Double.isNaN(rows.get(0).lpips()))) {
            return;
        }
        List<Integer> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            x.add(i);
            y.add(value(rows.get(i), lpips));
        }
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(colour);
        s.setLineStyle(new BasicStroke(width));
    }

    /** The GVC point's keyframes as markers on its line. */
    private static void keyframes(XYChart chart, List<FrameTable.Row> rows, boolean lpips) {
        List<Integer> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).keyframe()) {
                x.add(i);
                y.add(value(rows.get(i), lpips));
            }
        }
        if (x.isEmpty()) {
            return;
        }
        XYSeries s = chart.addSeries("keyframes (coded pictures)", x, y);
        // a line series without its line: XChart's scatter style left some markers undrawn
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setLineStyle(SeriesLines.NONE);
        s.setMarker(SeriesMarkers.DIAMOND);
        s.setMarkerColor(KEYFRAME);
    }
}
