package io.gvc.eval;

import io.gvc.codec.variant.Variant;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * One operating point of the sweep: which clip, which codec, at which setting. GVC points carry the
 * variant and the target (a bpp, or a constant quality), and M (atoms per step and latent frame) where
 * it is fixed; without M the rate control picks M per GOP from the target, as {@code gvc encode} does
 * by default. x264/x265 points carry a CRF, interpolation points the boundary-frame quality,
 * GVC-without-atoms points (gvc-m0) the variant and the target that picks their boundary quality.
 *
 * @param codec     gvc-flf2v, gvc-i2v, gvc-t2v, x264, x265, interp, or gvc-m0-flf2v, gvc-m0-i2v,
 *                  gvc-m0-t2v (the baseline gvc-m0 of each variant)
 * @param setting   what distinguishes the points of one codec: bpp=0.004 (GVC, rate-controlled M),
 *                  m=16,bpp=0.03 (GVC at a fixed M), quality=30 (GVC or gvc-m0 at constant quality),
 *                  crf=31, q=50, bpp=0.03 (gvc-m0)
 * @param m         GVC at a fixed M: that M; gvc-m0: 0; null for rate-controlled GVC and the other codecs
 * @param quality   the interpolation reference's boundary quality; GVC and gvc-m0 at constant quality: that
 *                  quality (one value of --quality or --m0-quality); else null
 * @param targetBpp GVC and gvc-m0: the point's rate target (one value of --bpp or --m0-bpp), else null
 */
public record PointSpec(String clip, String codec, String setting, Variant variant, Integer m, Integer crf,
                        Integer quality, Double targetBpp) {

    public static final String X264 = "x264";
    public static final String X265 = "x265";
    public static final String INTERP = "interp";
    /**
     * The baseline "GVC without atoms": the same variant, boundary codec, model and GOP with M = 0 and
     * M_tail = 0, so only the keyframe chain and the anchor (cross-fade or motion bridge) with the prior's
     * own flow remain. Its points are named {@code gvc-m0-<variant>}, one curve per GVC variant.
     */
    public static final String M0 = "gvc-m0";
    /** Every baseline {@code --baselines} accepts. */
    public static final List<String> BASELINES = List.of(X264, X265, INTERP, M0);

    /**
     * A GVC point as {@code gvc encode} codes by default: {@code variant} at {@code targetBpp}, the rate
     * control choosing M for each GOP from what the boundaries (their share of the budget) leave.
     */
    public static PointSpec gvcRateControlled(String clip, Variant variant, double targetBpp) {
        checkBpp(targetBpp);
        return new PointSpec(clip, gvcCodec(variant), "bpp=" + bppText(targetBpp), variant, null, null, null,
                targetBpp);
    }

    /**
     * A GVC point at a fixed M: {@code variant} with {@code m} atoms per step and latent frame, its
     * boundaries at their share of the budget of {@code targetBpp}.
     */
    public static PointSpec gvc(String clip, Variant variant, int m, double targetBpp) {
        checkM(m);
        checkBpp(targetBpp);
        return new PointSpec(clip, gvcCodec(variant), "m=" + m + ",bpp=" + bppText(targetBpp), variant, m, null,
                null, targetBpp);
    }

    /**
     * A GVC point at constant quality, as {@code gvc encode --quality} codes: the keyframe chain of
     * every GOP at {@code quality}, M chosen per GOP from the atoms' share of what it costs.
     */
    public static PointSpec gvcAtQuality(String clip, Variant variant, int quality) {
        checkQuality(quality);
        return new PointSpec(clip, gvcCodec(variant), "quality=" + quality, variant, null, null, quality, null);
    }

    /** A GVC point at a fixed M and constant quality {@code quality}. */
    public static PointSpec gvcAtQuality(String clip, Variant variant, int m, int quality) {
        checkM(m);
        checkQuality(quality);
        return new PointSpec(clip, gvcCodec(variant), "m=" + m + ",quality=" + quality, variant, m, null, quality,
                null);
    }

    /** A point of gvc-m0 at constant quality: {@code variant} with no atoms, its keyframe chain at {@code quality}. */
    public static PointSpec m0AtQuality(String clip, Variant variant, int quality) {
        checkQuality(quality);
        return new PointSpec(clip, m0Codec(variant), "quality=" + quality, variant, 0, null, quality, null);
    }

    private static void checkM(int m) {
        if (m < 0) {
            throw new IllegalArgumentException("GVC M must be at least 0, got " + m);
        }
    }

    private static void checkQuality(int quality) {
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("GVC quality must be 1..100, got " + quality);
        }
    }

    private static void checkBpp(double targetBpp) {
        if (!(targetBpp > 0) || Double.isInfinite(targetBpp)) {
            throw new IllegalArgumentException("GVC target bpp must be positive, got " + targetBpp);
        }
    }

    /** Whether M is left to the rate control (GVC points without a fixed M). */
    public boolean isRateControlled() {
        return isGvc() && m == null;
    }

    public static PointSpec baseline(String clip, String codec, int crf) {
        if (!codec.equals(X264) && !codec.equals(X265)) {
            throw new IllegalArgumentException("unknown baseline '" + codec + "' (x264, x265, interp or gvc-m0)");
        }
        return new PointSpec(clip, codec, "crf=" + crf, null, null, crf, null, null);
    }

    public static PointSpec interp(String clip, int quality) {
        return new PointSpec(clip, INTERP, "q=" + quality, null, null, null, quality, null);
    }

    /** A point of gvc-m0: {@code variant} with no atoms, its boundaries at the budget of {@code targetBpp}. */
    public static PointSpec m0(String clip, Variant variant, double targetBpp) {
        if (!(targetBpp > 0)) {
            throw new IllegalArgumentException("gvc-m0 target bpp must be positive, got " + targetBpp);
        }
        return new PointSpec(clip, m0Codec(variant), "bpp=" + bppText(targetBpp), variant, 0, null, null,
                targetBpp);
    }

    /** "0.03", "0.0075", "0.12": the shortest plain decimal of a rate. */
    static String bppText(double bpp) {
        return BigDecimal.valueOf(bpp).stripTrailingZeros().toPlainString();
    }

    /** The codec name of a GVC variant in results: gvc-flf2v, gvc-i2v, gvc-t2v. */
    public static String gvcCodec(Variant v) {
        return "gvc-" + v.name().toLowerCase(Locale.ROOT);
    }

    /** The codec name of a variant's gvc-m0 curve in results: gvc-m0-flf2v, gvc-m0-i2v, gvc-m0-t2v. */
    public static String m0Codec(Variant v) {
        return M0 + "-" + v.name().toLowerCase(Locale.ROOT);
    }

    /** The gvc-m0 curve a GVC codec is compared with: gvc-flf2v -> gvc-m0-flf2v. */
    public static String m0For(String gvcCodec) {
        return M0 + "-" + gvcCodec.substring("gvc-".length());
    }

    /** A GVC variant with atoms (gvc-flf2v, gvc-i2v, gvc-t2v); gvc-m0 is a baseline, not one of them. */
    public static boolean isGvc(String codec) {
        return codec.startsWith("gvc-") && !isM0(codec);
    }

    /** A gvc-m0 curve (gvc-m0-flf2v, ...). */
    public static boolean isM0(String codec) {
        return codec.startsWith(M0 + "-");
    }

    public boolean isM0() {
        return isM0(codec);
    }

    public boolean isGvc() {
        return isGvc(codec);
    }

    /** Identifies the point in points.jsonl across runs. */
    public String key() {
        return key(clip, codec, setting);
    }

    /** The resume key of a point: a stored result and the spec that made it must agree on it. */
    static String key(String clip, String codec, String setting) {
        return clip + "/" + codec + "/" + setting;
    }

    /** The encoded file's name inside the clip's folder: every byte the decoder needs, nothing else. */
    public String fileName() {
        String ext = switch (codec) {
            case X264 -> ".h264";
            case X265 -> ".hevc";
            case INTERP -> ".interp";
            default -> ".gvc";
        };
        return codec + "_" + fileStem(setting) + ext;
    }

    /** A setting as part of a file name: m=16,bpp=0.03 -> m16_bpp0.03. */
    static String fileStem(String setting) {
        return setting.replace("=", "").replace(",", "_");
    }

    /** A short name for progress lines and labels: "gvc-flf2v m=16". */
    public String label() {
        return label(codec, setting);
    }

    static String label(String codec, String setting) {
        return codec + " " + setting;
    }
}
