package io.gvc.cli;

import io.gvc.codec.CodecParams;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The codec options' defaults, taken from {@link CodecParams#defaults()}, the one place they are
 * decided: a command that names this provider ({@code @Command(defaultValueProvider = ...)}) leaves
 * {@code defaultValue} off its codec options, and {@code ${DEFAULT-VALUE}} in their help shows these.
 * An option that declares its own default keeps it, one in {@link #NONE} has none, and options this
 * table does not know get none from here.
 */
public final class CodecDefaults implements IDefaultValueProvider {

    private static final CodecParams D = CodecParams.defaults();

    /** Option name (its longest) to the default's text, as the help shows it. */
    static final Map<String, String> BY_OPTION = Map.ofEntries(
            Map.entry("--variant", D.variant().name().toLowerCase(Locale.ROOT)),
            Map.entry("--gop", text(D.gopFrames())),
            Map.entry("--gop-frames", text(D.gopFrames())),
            Map.entry("-K", text(D.codebookSize())),
            Map.entry("--steps", text(D.steps())),
            Map.entry("--tail-steps", text(D.tailSteps())),
            Map.entry("--shift", text(D.shift())),
            Map.entry("--g-scale", text(D.gScale())),
            Map.entry("--stride", text(D.temporalStride())),
            Map.entry("--latent-downscale", text(D.latentDownscale())),
            Map.entry("--bpp", text(D.targetBpp())),
            Map.entry("--prompt", D.prompt()),
            Map.entry("--intra-period", text(D.intraPeriod())),
            Map.entry("--max-segments", text(D.maxSegments())),
            Map.entry("--bridge", D.bridgeRule().id()));

    /**
     * Codec options a command leaves without a default here: gvc eval's --bpp is a ladder whose
     * default (four targets) applies only where --quality is not given, not the codec's single target.
     */
    static final java.util.Set<String> NONE = java.util.Set.of("eval --bpp");

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || arg.defaultValue() != null
                || NONE.contains(option.command().name() + " " + option.longestName())) {
            return null;
        }
        return BY_OPTION.get(option.longestName());
    }

    /** A number as a user would type it: 3 rather than 3.0, 0.03 rather than 0.029999999329447746. */
    static String text(double v) {
        BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    }

    static String text(int v) {
        return Integer.toString(v);
    }

    static String text(float v) {
        return text(Double.parseDouble(Float.toString(v)));
    }
}
