package io.gvc.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * report.html: one self-contained page (no scripts, no styles from elsewhere) with the exact command
 * and the versions at the top, then per clip the BD-rate tables, the charts, the side-by-side pictures
 * and every point with a link to its encoded file. All links are relative to the output folder.
 */
final class HtmlReport {

    /** What the report shows of one clip. */
    record ClipSection(EvalClip clip, List<PointResult> points, List<BdEntry> bd, List<Coverage> coverage,
                       List<String> plots, List<Comparisons.Picture> pictures, List<String> framePlots) {
    }

    private HtmlReport() {
    }

    static void write(Path file, RunInfo run, List<Metric> metrics, List<ClipSection> clips) throws IOException {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>GVC evaluation</title>\n")
                .append("<style>body{font-family:sans-serif;margin:2em;max-width:1400px}"
                        + "table{border-collapse:collapse;margin:0.5em 0 1.5em}"
                        + "td,th{border:1px solid #bbb;padding:2px 6px;text-align:right;font-size:13px}"
                        + "th{background:#eee}td.l,th.l{text-align:left}pre{background:#f4f4f4;padding:0.6em;"
                        + "white-space:pre-wrap}img{margin:4px;border:1px solid #ccc}.na{color:#a33}</style>\n")
                .append("</head><body>\n<h1>GVC evaluation</h1>\n");
        h.append("<h2>Command</h2>\n<pre>").append(esc(run.commandLine())).append("</pre>\n");
        h.append("<h2>Versions</h2>\n").append(keyValues(run.versions()));
        h.append("<h2>Settings</h2>\n").append(keyValues(run.settings()));
        h.append("""
                <h2>How to read this</h2>
                <ul>
                <li><b>bpp</b> is bits / (frames x width x height), every byte of the encoded file counted;
                <b>bpp/3</b> is the GVC paper's per-colour-sample figure (bpp divided by 3), given beside it.</li>
                <li>Qualities compare the decoder's output with the source frames every codec was given.
                PSNR is pooled over the clip (total SSE); PSNR-YUV weights Y:U:V 6:1:1; MS-SSIM is luma, the mean
                over frames; LPIPS (AlexNet, lower is better) is the mean over frames.</li>
                <li><b>BD-rate</b> (Bjontegaard, PCHIP as in the common tools, log rate integrated over the common
                quality interval): negative means GVC needs fewer bits than the baseline for the same quality.
                Where the quality ranges do not overlap no number is given, and nothing is extrapolated.
                <b>BD-quality</b> is the mean quality difference (GVC minus baseline) at equal rate over the common
                rate interval.</li>
                <li><b>gvc-&lt;variant&gt;</b> points are named by their setting: <b>bpp=B</b> is GVC as
                <code>gvc encode</code> codes by default, at target B bits per pixel with M chosen for each GOP
                by the rate control (the boundary frames get the codec's boundary share of the target, the atoms
                what is left); <b>m=M,bpp=B</b> is GVC at a fixed M, the target then setting only the boundaries'
                budget.</li>
                <li><b>interp</b> is the reference GVC has to beat: the boundary frames alone (same intra codec,
                FLF2V positions) with every picture in between a linear blend of them.</li>
                <li><b>gvc-m0-&lt;variant&gt;</b> (baseline gvc-m0) is the same variant, boundary codec, model and GOP
                with no atoms (M = 0, M_tail = 0: the keyframe chain, the anchor and the prior's own flow), swept
                over target bpp whose budget picks its boundary quality. Each variant is compared with its own
                gvc-m0 curve only: the BD-rate is what the atoms buy. Its atom bits are 0 in every packet.</li>
                <li>Times are wall seconds on this machine: GVC runs with the settings' thread count, x264/x265 with
                one thread each (so that their output repeats exactly).</li>
                </ul>
                """);
        for (ClipSection c : clips) {
            clip(h, c, metrics);
        }
        h.append("</body></html>\n");
        Files.writeString(file, h, StandardCharsets.UTF_8);
    }

    private static void clip(StringBuilder h, ClipSection c, List<Metric> metrics) {
        EvalClip clip = c.clip();
        h.append(String.format(Locale.ROOT, "<h2 id=\"%s\">%s</h2>\n<p>%s: %dx%d, %d frames at %.3f fps.</p>\n",
                esc(clip.name()), esc(clip.name()), esc(clip.path().toString()), clip.width(), clip.height(),
                clip.frames(), clip.video().format().fps()));
        h.append("<h3>BD-rate (negative: GVC needs fewer bits)</h3>\n");
        bdTable(h, c.bd(), metrics, true);
        h.append("<h3>BD-quality (GVC minus baseline at equal rate)</h3>\n");
        bdTable(h, c.bd(), metrics, false);
        h.append("<h3>Rate ranges covered</h3>\n<table><tr><th class=\"l\">codec</th><th>points</th>"
                + "<th>bpp min</th><th>bpp max</th><th>PSNR-Y min</th><th>PSNR-Y max</th></tr>\n");
        for (Coverage v : c.coverage()) {
            h.append(String.format(Locale.ROOT, "<tr><td class=\"l\">%s</td><td>%d</td><td>%.4f</td><td>%.4f</td>"
                    + "<td>%.2f</td><td>%.2f</td></tr>\n", esc(v.codec()), v.points(), v.bppMin(), v.bppMax(),
                    v.psnrYMin(), v.psnrYMax()));
        }
        h.append("</table>\n<h3>Rate-distortion curves</h3>\n<p>");
        for (String p : c.plots()) {
            h.append("<a href=\"").append(esc(p)).append("\"><img src=\"").append(esc(p))
                    .append("\" width=\"560\" alt=\"").append(esc(p)).append("\"></a>\n");
        }
        h.append("</p>\n<h3>Side by side, frame ").append(clip.snapshot()).append("</h3>\n");
        for (Comparisons.Picture p : c.pictures()) {
            h.append("<figure><img src=\"").append(esc(p.png())).append("\" alt=\"").append(esc(p.caption()))
                    .append("\"><figcaption>").append(esc(p.caption())).append("</figcaption></figure>\n");
        }
        if (!c.framePlots().isEmpty()) {
            h.append("<h3>Frame by frame</h3>\n<p>Each GVC point's quality on every frame (its coded keyframes "
                    + "marked) beside the conventional and gvc-m0 points nearest in rate; the numbers are in "
                    + "<code>frames/*_frames.csv</code>.</p>\n<p>");
            for (String p : c.framePlots()) {
                h.append("<a href=\"").append(esc(p)).append("\"><img src=\"").append(esc(p))
                        .append("\" width=\"560\" alt=\"").append(esc(p)).append("\"></a>\n");
            }
            h.append("</p>\n");
        }
        h.append("<h3>Points</h3>\n<table><tr><th class=\"l\">codec</th><th class=\"l\">setting</th>"
                + "<th class=\"l\">file</th><th>bytes</th><th>atom bits</th><th>bpp</th><th>bpp/3 (paper)</th><th>kbit/s</th>"
                + metricHeadings() + "<th>encode s</th><th>decode s</th>"
                + "<th>encode fps</th><th>decode fps</th><th>decoder = encoder</th></tr>\n");
        for (PointResult p : c.points()) {
            h.append(String.format(Locale.ROOT, "<tr><td class=\"l\">%s</td><td class=\"l\">%s</td>"
                            + "<td class=\"l\"><a href=\"%s\">%s</a></td><td>%d</td><td>%s</td><td>%.4f</td><td>%.5f</td><td>%.1f</td>",
                    esc(p.codec()), esc(p.setting()), esc(p.file()), esc(p.file()), p.bytes(),
                    p.atomBits() == null ? "" : Long.toString(p.atomBits()), p.bpp(),
                    p.bppPerColourSample(), p.kbps()));
            h.append(metricCells(p));
            h.append(String.format(Locale.ROOT, "<td>%.2f</td><td>%.2f</td><td>%.1f</td><td>%.1f</td><td>%s</td></tr>\n",
                    p.encodeS(), p.decodeS(), p.encodeFps(), p.decodeFps(),
                    p.decodeMatchesEncoder() == null ? "" : p.decodeMatchesEncoder() ? "yes" : "<b>NO</b>"));
        }
        h.append("</table>\n");
    }

    /** The points table's metric headings: every compared metric, measured in this run or not. */
    static String metricHeadings() {
        StringBuilder h = new StringBuilder();
        for (Metric m : Metric.compared()) {
            h.append("<th>").append(esc(m.column)).append("</th>");
        }
        return h.toString();
    }

    /** One point's metric cells, in the order of {@link #metricHeadings}; "n/a" where not measured. */
    static String metricCells(PointResult p) {
        StringBuilder h = new StringBuilder();
        for (Metric m : Metric.compared()) {
            h.append("<td>").append(m.unit.value(m.value(p))).append("</td>");
        }
        return h.toString();
    }

    static void bdTable(StringBuilder h, List<BdEntry> bd, List<Metric> metrics, boolean rate) {
        Set<String> pairs = new LinkedHashSet<>();
        for (BdEntry e : bd) {
            pairs.add(e.codec() + " vs " + e.baseline());
        }
        h.append("<table><tr><th class=\"l\">GVC vs baseline</th>");
        for (Metric m : metrics) {
            h.append("<th>").append(esc(m.label)).append("</th>");
        }
        h.append("</tr>\n");
        for (String pair : pairs) {
            h.append("<tr><td class=\"l\">").append(esc(pair)).append("</td>");
            for (Metric m : metrics) {
                BdEntry e = find(bd, pair, m);
                h.append(e == null ? "<td></td>" : cell(e, m, rate));
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    private static String cell(BdEntry e, Metric m, boolean rate) {
        Double v = rate ? e.percent() : e.bdQuality();
        String why = rate ? e.reason() : e.qualityReason();
        if (v == null) {
            return "<td class=\"na\" title=\"" + esc(why) + "\">n/a: " + esc(why) + "</td>";
        }
        if (rate) {
            String over = m.unit.range(e.overlapLow(), e.overlapHigh());
            String note = e.note() == null ? "" : "<br><small class=\"na\">" + esc(e.note()) + "</small>";
            return String.format(Locale.ROOT, "<td title=\"over %s\">%+.1f %% <small>(over %s)</small>%s</td>", over, v,
                    over, note);
        }
        return "<td>" + m.unit.difference(v) + "</td>";
    }

    private static BdEntry find(List<BdEntry> bd, String pair, Metric m) {
        for (BdEntry e : bd) {
            if ((e.codec() + " vs " + e.baseline()).equals(pair) && e.metric().equals(m.key)) {
                return e;
            }
        }
        return null;
    }

    private static String keyValues(Map<String, ?> map) {
        List<String> rows = new ArrayList<>();
        for (var e : map.entrySet()) {
            rows.add("<tr><th class=\"l\">" + esc(e.getKey()) + "</th><td class=\"l\">" + esc(String.valueOf(e.getValue()))
                    + "</td></tr>");
        }
        return "<table>" + String.join("\n", rows) + "</table>\n";
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
