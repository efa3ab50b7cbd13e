package io.gvc.eval;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Every quality measure stored for a point, and everything the rest of eval knows about one: its field
 * name in results.json / results.csv, its labels, its direction, its unit (how its figures are
 * printed), what it needs to be measured and how its value is read from a point. The list of measured
 * metrics, the BD-rate tables, the report and the charts iterate over these constants and never name
 * one, so a new metric is a constant here (plus its measurement in {@link QualityMetrics} and its stored
 * field in {@link PointResult}, which its reader names).
 *
 * <p>The constants are in the order of the stored fields (results.csv's columns follow it). BD-rate
 * needs "higher is better"; LPIPS is a distance, so its curves use the negated value ({@link #quality}).
 * BD-rate does not change under an affine map of the quality axis, so negating is exact, not an
 * approximation.
 */
public enum Metric {
    PSNR_Y("psnr_y", "PSNR-Y", "PSNR-Y (dB)", Unit.DECIBEL, true, Needs.NOTHING, Use.COMPARED, PointResult::psnrY),
    PSNR_U("psnr_u", "PSNR-U", "PSNR-U (dB)", Unit.DECIBEL, true, Needs.NOTHING, Use.STORED, PointResult::psnrU),
    PSNR_V("psnr_v", "PSNR-V", "PSNR-V (dB)", Unit.DECIBEL, true, Needs.NOTHING, Use.STORED, PointResult::psnrV),
    PSNR_YUV("psnr_yuv", "PSNR-YUV", "PSNR-YUV 6:1:1 (dB)", Unit.DECIBEL, true, Needs.NOTHING, Use.COMPARED,
            PointResult::psnrYuv),
    MS_SSIM("ms_ssim", "MS-SSIM", "MS-SSIM (luma)", Unit.PLAIN, true, Needs.NOTHING, Use.COMPARED, PointResult::msSsim),
    LPIPS("lpips", "LPIPS", "LPIPS AlexNet (lower is better)", Unit.PLAIN, false, Needs.LPIPS_WEIGHTS, Use.COMPARED,
            PointResult::lpips);

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
    private final Function<PointResult, Double> reader;

    Metric(String key, String column, String label, Unit unit, boolean higherIsBetter, Needs needs, Use use,
           Function<PointResult, Double> reader) {
        this.key = key;
        this.column = column;
        this.label = label;
        this.unit = unit;
        this.higherIsBetter = higherIsBetter;
        this.needs = needs;
        this.use = use;
        this.reader = reader;
    }

    /** The measured value of a point, null where it was not measured (LPIPS without weights). */
    public Double value(PointResult p) {
        return reader.apply(p);
    }

    /** The value on a higher-is-better scale, for BD-rate. */
    public double quality(double value) {
        return higherIsBetter ? value : -value;
    }

    /** Whether a run can measure it; {@code lpipsWeights}: whether the run has the LPIPS weights. */
    public boolean available(boolean lpipsWeights) {
        return needs == Needs.NOTHING || lpipsWeights;
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
