package io.gvc.jobs.eval;

import io.gvc.codec.variant.Variant;
import java.util.Locale;

/**
 * One operating point of the sweep: which clip, which codec, at which setting. GVC points carry the
 * variant and M (atoms per step and latent frame), x264/x265 points a CRF, interpolation points the
 * boundary-frame quality.
 *
 * @param codec   gvc-flf2v, gvc-i2v, gvc-t2v, x264, x265 or interp
 * @param setting what distinguishes the points of one codec: m=16, crf=31, q=50
 */
public record PointSpec(String clip, String codec, String setting, Variant variant, Integer m, Integer crf,
                        Integer quality) {

    public static final String X264 = "x264";
    public static final String X265 = "x265";
    public static final String INTERP = "interp";

    public static PointSpec gvc(String clip, Variant variant, int m) {
        return new PointSpec(clip, gvcCodec(variant), "m=" + m, variant, m, null, null);
    }

    public static PointSpec baseline(String clip, String codec, int crf) {
        if (!codec.equals(X264) && !codec.equals(X265)) {
            throw new IllegalArgumentException("unknown baseline '" + codec + "' (x264, x265 or interp)");
        }
        return new PointSpec(clip, codec, "crf=" + crf, null, null, crf, null);
    }

    public static PointSpec interp(String clip, int quality) {
        return new PointSpec(clip, INTERP, "q=" + quality, null, null, null, quality);
    }

    /** The codec name of a GVC variant in results: gvc-flf2v, gvc-i2v, gvc-t2v. */
    public static String gvcCodec(Variant v) {
        return "gvc-" + v.name().toLowerCase(Locale.ROOT);
    }

    public static boolean isGvc(String codec) {
        return codec.startsWith("gvc-");
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
        return codec + "_" + setting.replace("=", "") + ext;
    }

    /** A short name for progress lines and labels: "gvc-flf2v m=16". */
    public String label() {
        return label(codec, setting);
    }

    static String label(String codec, String setting) {
        return codec + " " + setting;
    }
}
