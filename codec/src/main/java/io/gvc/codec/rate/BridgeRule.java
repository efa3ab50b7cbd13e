package io.gvc.codec.rate;

import io.gvc.codec.anchor.AnchorMode;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Which anchor modes the encoder may choose from for a GOP ({@link AnchorDecision} picks among them
 * by measured cost). An encoder setting, not a stream field: the chosen mode is in every packet.
 *
 * <p>Measured on the tuning clips (man-skiing, yoga; 33 frames, x265 CRF 51..35, targets 0.004 to
 * 0.03 bpp, 2026-12-04): with {@link #SHARP} the bridged frames of man-skiing lose the doubled
 * backpack strap and glove that {@link #AUTO} and {@link #BLEND} show, at an unchanged LPIPS BD-rate
 * against x265 (+1.3 % for both) and a worse PSNR-Y (+69.6 % -> +97.1 %; 27.40 -> 26.53 dB at the
 * lowest point) and MS-SSIM (+60.5 % -> +71.4 %); yoga unchanged on all three. SSIM, the measured
 * cost, prefers the blend wherever the two sides are close, so {@link #AUTO} rarely shows one side.
 */
public enum BridgeRule {
    /** Every mode; the measured cost decides (the default). */
    AUTO(EnumSet.allOf(AnchorMode.class)),
    /** The cross-fade or the bridge blending both sides everywhere (codec v4's choice). */
    BLEND(EnumSet.of(AnchorMode.CROSS_FADE, AnchorMode.MOTION_BRIDGE)),
    /** Never a blend where the bridge's sides disagree: no ghosts, at some PSNR. */
    SHARP(EnumSet.of(AnchorMode.CROSS_FADE, AnchorMode.MOTION_BRIDGE_SHOW_FIRST,
            AnchorMode.MOTION_BRIDGE_SHOW_LAST));

    private final Set<AnchorMode> modes;

    BridgeRule(Set<AnchorMode> modes) {
        this.modes = modes;
    }

    /** The modes the encoder may choose, in order of preference on a tie. */
    public Set<AnchorMode> modes() {
        return EnumSet.copyOf(modes);
    }

    /** The rule named {@code name} (case-insensitive), or an IllegalArgumentException naming the rules there are. */
    public static BridgeRule byName(String name) {
        for (BridgeRule r : values()) {
            if (r.name().equalsIgnoreCase(name.trim())) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown bridge rule '" + name + "' (auto, blend or sharp)");
    }

    /** The name options and fingerprints use. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
