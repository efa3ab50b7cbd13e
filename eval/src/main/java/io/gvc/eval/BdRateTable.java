package io.gvc.eval;

import io.gvc.eval.bdrate.BdRate;
import io.gvc.eval.bdrate.RdPoint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * BD-rate of every GVC variant against every baseline, per clip and metric, with the rate in bits per
 * pixel; a variant meets gvc-m0 only as its own curve without atoms (gvc-flf2v against gvc-m0-flf2v).
 * The arithmetic is {@link BdRate}'s (PCHIP, integrated exactly where both curves exist, never
 * extrapolated); this class only assembles the curves and says, in words, why a figure is missing.
 */
public final class BdRateTable {

    private BdRateTable() {
    }

    /**
     * One entry per clip, GVC codec, baseline and metric, in the order the points first name them; the
     * gvc-m0 baseline of a variant is the curve of the same variant ({@link PointSpec#m0For}).
     */
    public static List<BdEntry> compute(List<PointResult> points, List<Metric> metrics) {
        Map<String, Map<String, List<PointResult>>> byClip = group(points);
        List<BdEntry> out = new ArrayList<>();
        for (var clip : byClip.entrySet()) {
            for (var gvc : clip.getValue().entrySet()) {
                if (!PointSpec.isGvc(gvc.getKey())) {
                    continue;
                }
                for (var base : clip.getValue().entrySet()) {
                    if (PointSpec.isGvc(base.getKey())) {
                        continue;
                    }
                    // a variant is compared with its own gvc-m0 curve only: same codec, atoms or none
                    if (PointSpec.isM0(base.getKey()) && !base.getKey().equals(PointSpec.m0For(gvc.getKey()))) {
                        continue;
                    }
                    for (Metric m : metrics) {
                        out.add(entry(clip.getKey(), gvc.getKey(), gvc.getValue(), base.getKey(), base.getValue(), m));
                    }
                }
            }
        }
        return out;
    }

    /** Rate range and PSNR-Y range of each codec on each clip. */
    public static List<Coverage> coverage(List<PointResult> points) {
        List<Coverage> out = new ArrayList<>();
        for (var clip : group(points).entrySet()) {
            for (var codec : clip.getValue().entrySet()) {
                List<PointResult> ps = codec.getValue();
                out.add(new Coverage(clip.getKey(), codec.getKey(), ps.size(),
                        ps.stream().mapToDouble(PointResult::bpp).min().orElseThrow(),
                        ps.stream().mapToDouble(PointResult::bpp).max().orElseThrow(),
                        ps.stream().mapToDouble(Metric.PSNR_Y::value).min().orElseThrow(),
                        ps.stream().mapToDouble(Metric.PSNR_Y::value).max().orElseThrow()));
            }
        }
        return out;
    }

    private static Map<String, Map<String, List<PointResult>>> group(List<PointResult> points) {
        Map<String, Map<String, List<PointResult>>> byClip = new LinkedHashMap<>();
        for (PointResult p : points) {
            byClip.computeIfAbsent(p.clip(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(p.codec(), k -> new ArrayList<>()).add(p);
        }
        return byClip;
    }

    static BdEntry entry(String clip, String codec, List<PointResult> test, String baseline,
                         List<PointResult> anchor, Metric metric) {
        List<RdPoint> t = curve(test, metric);
        List<RdPoint> a = curve(anchor, metric);
        String missing = null;
        if (t.size() < test.size() || a.size() < anchor.size()) {
            missing = metric.key + " was not measured for every point";
        } else if (distinct(t, true) < 2 || distinct(a, true) < 2) {
            missing = String.format(Locale.ROOT, "a curve needs 2 points of different %s: %s has %d, %s has %d",
                    metric.key, codec, distinct(t, true), baseline, distinct(a, true));
        }
        if (missing != null) {
            return new BdEntry(clip, codec, baseline, metric.key, null, missing, null, null, null, missing,
                    test.size(), anchor.size(), null);
        }
        Double percent = null, low = null, high = null;
        String reason = null;
        BdRate.RateResult r = BdRate.bdRate(a, t);
        if (r.overlaps()) {
            percent = r.percent();
            double lo = metric.quality(r.qualityLow()), hi = metric.quality(r.qualityHigh()); // back to metric units
            low = Math.min(lo, hi);
            high = Math.max(lo, hi);
        } else {
            reason = String.format(Locale.ROOT, "%s ranges do not overlap: %s %s, %s %s; no extrapolation",
                    metric.key, codec, range(test, metric), baseline, range(anchor, metric));
        }
        Double dq = null;
        String qualityReason = null;
        if (distinct(t, false) < 2 || distinct(a, false) < 2) {
            qualityReason = "a curve needs 2 points of different rate";
        } else {
            BdRate.QualityResult q = BdRate.bdQuality(a, t);
            if (q.overlaps()) {
                dq = metric.higherIsBetter ? q.delta() : -q.delta();
            } else {
                qualityReason = String.format(Locale.ROOT, "bpp ranges do not overlap: %s %s, %s %s",
                        codec, bppRange(test), baseline, bppRange(anchor));
            }
        }
        String note = join(falls(codec, test, metric), falls(baseline, anchor, metric));
        if (percent != null) {
            note = join(note, narrow(codec, test, metric, low, high));
        }
        return new BdEntry(clip, codec, baseline, metric.key, percent, reason, low, high, dq, qualityReason,
                test.size(), anchor.size(), note);
    }

    /** Where a codec's quality gets worse as its rate grows (e.g. interpolation saturating), else null. */
    static String falls(String codec, List<PointResult> points, Metric metric) {
        List<PointResult> byRate = new ArrayList<>(points);
        byRate.sort(java.util.Comparator.comparingDouble(PointResult::bpp));
        for (int i = 1; i < byRate.size(); i++) {
            PointResult a = byRate.get(i - 1), b = byRate.get(i);
            if (metric.quality(metric.value(b)) < metric.quality(metric.value(a))) {
                return String.format(Locale.ROOT, "%s's %s gets worse as the rate rises (%.4g at %.4f bpp, %.4g at %.4f bpp)",
                        codec, metric.key, metric.value(a), a.bpp(), metric.value(b), b.bpp());
            }
        }
        return null;
    }

    /**
     * Set when the common quality interval is under a quarter of the GVC curve's own range: the figure
     * then compares the ends of two curves that barely meet, not the curves.
     */
    static String narrow(String codec, List<PointResult> test, Metric metric, double low, double high) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (PointResult p : test) {
            lo = Math.min(lo, metric.value(p));
            hi = Math.max(hi, metric.value(p));
        }
        if (high - low >= 0.25 * (hi - lo)) {
            return null;
        }
        return String.format(Locale.ROOT, "the curves overlap over %.0f %% of %s's %s range only",
                100 * (high - low) / (hi - lo), codec, metric.key);
    }

    private static String join(String a, String b) {
        return a == null ? b : b == null ? a : a + "; " + b;
    }

    /** Rate (bpp) and quality (higher is better) of the points that have the metric. */
    private static List<RdPoint> curve(List<PointResult> points, Metric metric) {
        List<RdPoint> out = new ArrayList<>();
        for (PointResult p : points) {
            Double v = metric.value(p);
            if (v != null) {
                out.add(new RdPoint(p.bpp(), metric.quality(v)));
            }
        }
        return out;
    }

    private static int distinct(List<RdPoint> pts, boolean quality) {
        Set<Double> s = new HashSet<>();
        for (RdPoint p : pts) {
            s.add(quality ? p.quality() : p.rate());
        }
        return s.size();
    }

    private static String range(List<PointResult> ps, Metric m) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (PointResult p : ps) {
            lo = Math.min(lo, m.value(p));
            hi = Math.max(hi, m.value(p));
        }
        return m.unit.range(lo, hi);
    }

    private static String bppRange(List<PointResult> ps) {
        return String.format(Locale.ROOT, "%.4f..%.4f bpp", ps.stream().mapToDouble(PointResult::bpp).min().orElse(0),
                ps.stream().mapToDouble(PointResult::bpp).max().orElse(0));
    }
}
