package io.gvc.eval;

import io.gvc.codec.metrics.MsSsim;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Every quality measure stored for a point, and everything eval knows about one: its field name in
 * results.json / points.jsonl / results.csv, its labels, its direction, its unit (how its figures are
 * printed), what a run must have to measure it and how it is measured. A new metric is one constant
 * here: {@link Measurement} measures every constant the run can, {@link Qualities} holds the values
 * and {@link PointResultJson} stores each under its key; the list of measured metrics, the BD-rate
 * tables, the report and the charts iterate over the constants and never name one.
 *
 * <p>The constants are in the order of the stored fields (results.csv's columns follow it), so a new
 * one goes last unless the files' layout is meant to change. BD-rate needs "higher is better"; LPIPS
 * is a distance, so its curves use the negated value ({@link #quality}). BD-rate does not change under
 * an affine map of the quality axis, so negating is exact, not an approximation.
 */
public enum Metric {
    PSNR_Y("psnr_y", "PSNR-Y", "PSNR-Y (dB)", Unit.DECIBEL, true, Needs.NOTHING, Use.COMPARED,
            m -> m.sse().psnrY()),
    PSNR_U("psnr_u", "PSNR-U", "PSNR-U (dB)", Unit.DECIBEL, true, Needs.NOTHING, Use.STORED,
            m -> m.sse().psnrU()),
    PSNR_V("psnr_v", "PSNR-V", "PSNR-V (dB)", Unit.DECIBEL, true, Needs.NOTHING, Use.STORED,
            m -> m.sse().psnrV()),
    PSNR_YUV("psnr_yuv", "PSNR-YUV", "PSNR-YUV 6:1:1 (dB)", Unit.DECIBEL, true, Needs.NOTHING, Use.COMPARED,
            m -> m.sse().psnrYuv()),
    /** of luma, the mean of the per-frame values */
    MS_SSIM("ms_ssim", "MS-SSIM", "MS-SSIM (luma)", Unit.PLAIN, true, Needs.NOTHING, Use.COMPARED,
            m -> MsSsim.sequenceMean(m.source(), m.decoded())),
    /** AlexNet LPIPS, the mean of the per-frame distances */
    LPIPS("lpips", "LPIPS", "LPIPS AlexNet (lower is better)", Unit.PLAIN, false, Needs.LPIPS_WEIGHTS, Use.COMPARED,
            m -> m.meanLpips());

    /** How a metric's figures are printed: decibels with 2 decimals and "dB", or plain with 4 decimals. */
    public enum Unit {
        DECIBEL("%.2f", " dB"),
        PLAIN("%.4f", "");

        private final String number;
        private final String suffix;

        Unit(String number, String suffix) {
            this.number = number;
            this.suffix = suffix;
        }

        /** A measured value as the points table shows it, without the unit; "n/a" where not measured. */
        public String value(Double v) {
            return v == null ? "n/a" : String.format(Locale.ROOT, number, v);
        }

        /** A quality interval, "25.83..27.69 dB" or "0.9299..0.9597". */
        public String range(double low, double high) {
            return String.format(Locale.ROOT, number + ".." + number + suffix, low, high);
        }

        /** A signed difference, "+1.25 dB" or "-0.0123". */
        public String difference(double d) {
            return String.format(Locale.ROOT, "%+" + number.substring(1) + suffix, d);
        }
    }

    /** What a run must have to measure the metric. */
    public enum Needs {
        NOTHING,
        /** the LPIPS AlexNet weights (--lpips-weights or the shared data's copy) */
        LPIPS_WEIGHTS
    }

    /** Where the metric appears: in the BD-rate tables, charts and points table, or in the stored results only. */
    public enum Use {
        COMPARED,
        STORED
    }

    /** Field name in results.json / results.csv. */
    public final String key;
    /** Column heading in the report's points table. */
    public final String column;
    /** Chart axis and BD-rate table heading. */
    public final String label;
    public final Unit unit;
    public final boolean higherIsBetter;
    public final Needs needs;
    public final Use use;
    private final Measure measure;

    Metric(String key, String column, String label, Unit unit, boolean higherIsBetter, Needs needs, Use use,
           Measure measure) {
        this.key = key;
        this.column = column;
        this.label = label;
        this.unit = unit;
        this.higherIsBetter = higherIsBetter;
        this.needs = needs;
        this.use = use;
        this.measure = measure;
    }

    /** How a metric is measured; it may throw where a model it needs fails. */
    @FunctionalInterface
    interface Measure {
        double of(Measurement m) throws IOException;
    }

    /** Measures the metric; only for a run that has what it {@link #needs}. */
    double measure(Measurement m) throws IOException {
        return measure.of(m);
    }

    /** The measured value of a point, null where it was not measured (LPIPS without weights). */
    public Double value(PointResult p) {
        return p.qualities().get(this);
    }

    /** The value on a higher-is-better scale, for BD-rate. */
    public double quality(double value) {
        return higherIsBetter ? value : -value;
    }

    /** Whether a run can measure it; {@code lpipsWeights}: whether the run has the LPIPS weights. */
    public boolean available(boolean lpipsWeights) {
        return needs == Needs.NOTHING || lpipsWeights;
    }

    /** Every metric a run measures and stores, compared or not, in order. */
    public static List<Metric> measured(boolean lpipsWeights) {
        return Arrays.stream(values()).filter(m -> m.available(lpipsWeights)).toList();
    }

    /** The metrics the report compares (BD-rate, charts, points table), measurable or not, in order. */
    public static List<Metric> compared() {
        return Arrays.stream(values()).filter(m -> m.use == Use.COMPARED).toList();
    }

    /** The compared metrics a run measures: BD-rate tables and charts are made for these. */
    public static List<Metric> compared(boolean lpipsWeights) {
        return compared().stream().filter(m -> m.available(lpipsWeights)).toList();
    }

    /** The field names of every stored metric, in stored order. */
    public static List<String> keys() {
        return Arrays.stream(values()).map(m -> m.key).toList();
    }
}
