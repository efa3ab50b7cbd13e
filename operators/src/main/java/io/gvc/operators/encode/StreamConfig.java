package io.gvc.operators.encode;

import io.gvc.codec.CodecParams;
import io.gvc.codec.rate.BridgeRule;
import io.gvc.codec.intra.IntraCodecs;
import io.gvc.codec.bitstream.Limits;
import io.gvc.codec.variant.Variant;
import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Per-stream coding settings, from a properties file ({@code --stream-config}). Keys:
 * <pre>
 * # every stream, unless it says otherwise
 * default.bpp=0.03            target bits per pixel (rate control picks M per GOP)
 * default.m=16                fixed atoms per step instead of a target rate
 * default.gop-frames=17       frames per GOP (FLF2V GOPs overlap by one frame)
 * default.variant=flf2v       flf2v or t2v (i2v chains through a generated frame, so it cannot run live)
 * default.quality=            constant quality 1..100 instead of a target rate, as gvc encode --quality
 *                             (x265's CRF: the keyframe chain at it, the bits following the content; empty: bpp)
 * default.keyframe-quality=   boundary-frame quality 1..100 (empty: rate control)
 * default.intra=              boundary codec: x265, x264 or gvc-dct (empty: x265 where FFmpeg has it, as gvc encode)
 * default.intra-period=8      every Nth GOP ends on an intra picture, where a decoder can join
 * default.independent-periods=false
 *                             true: each period's intra picture coded from its frame alone, so the next
 *                             period need not wait: one stream's periods coded on --encoders slots at once
 * default.max-segments=8      a GOP may be cut into up to this many segments by mid-GOP keyframes (1 = never)
 * default.bridge=auto         anchor modes to choose from: auto, blend or sharp (no ghosts), as gvc encode --bridge
 * default.prompt=             T2V text prompt
 * # one stream
 * stream.cam1.width=1280      expected size; GOPs of another size go to the dead letters
 * stream.cam1.height=720
 * stream.cam1.bpp=0.05
 * # optional allow-list: GOPs of other streams go to the dead letters
 * streams=cam1,cam2
 * </pre>
 * The encoder and {@code gvc encode} agree byte for byte when their settings agree: both start
 * from {@link CodecParams#defaults()} with the boundary codec of {@link IntraCodecs#defaultId()}.
 */
public final class StreamConfig implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Set<String> KEYS = Set.of("bpp", "quality", "m", "gop-frames", "variant", "keyframe-quality", "intra",
            "intra-period", "independent-periods", "max-segments", "bridge", "prompt", "width", "height");

    private final TreeMap<String, String> entries;
    private final int threads;

    private StreamConfig(Map<String, String> entries, int threads) {
        this.entries = new TreeMap<>(entries);
        this.threads = threads;
        validate();
    }

    /** Every stream at the codec defaults. */
    public static StreamConfig defaults() {
        return new StreamConfig(Map.of(), 1);
    }

    public static StreamConfig load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return of(p);
    }

    public static StreamConfig of(Properties p) {
        Map<String, String> m = new TreeMap<>();
        for (String k : p.stringPropertyNames()) {
            m.put(k, p.getProperty(k).trim());
        }
        return new StreamConfig(m, 1);
    }

    /** The same settings, with {@code key=value} added (key as in the file, e.g. {@code default.bpp}). */
    public StreamConfig with(String key, String value) {
        Map<String, String> m = new TreeMap<>(entries);
        m.put(key, value);
        return new StreamConfig(m, threads);
    }

    /** Worker threads each encoder or decoder uses (output does not depend on it). */
    public StreamConfig withThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be >= 1");
        }
        return new StreamConfig(entries, n);
    }

    public int threads() {
        return threads;
    }

    /** Whether GOPs of {@code streamId} are accepted (always, unless an allow-list says otherwise). */
    public boolean accepts(String streamId) {
        String list = entries.get("streams");
        if (list == null || list.isBlank()) {
            return true;
        }
        for (String s : list.split(",")) {
            if (s.trim().equals(streamId)) {
                return true;
            }
        }
        return false;
    }

    public StreamSettings settings(String streamId) {
        CodecParams p = CodecParams.defaults().withThreads(threads);
        String gop = get(streamId, "gop-frames");
        String variant = get(streamId, "variant");
        String m = get(streamId, "m");
        String bpp = get(streamId, "bpp");
        String q = get(streamId, "keyframe-quality");
        String quality = get(streamId, "quality");
        String prompt = get(streamId, "prompt");
        String intra = get(streamId, "intra");
        String intraPeriod = get(streamId, "intra-period");
        String independent = get(streamId, "independent-periods");
        String segments = get(streamId, "max-segments");
        String bridge = get(streamId, "bridge");
        // the same boundary codec as gvc encode: x265 where it is registered, unless the config names one
        String intraId = intra != null && !intra.isBlank() ? intra.trim() : IntraCodecs.defaultId();
        // an unknown one is named with the codecs there are, when the job is built; nothing is loaded
        // here (this runs on the client or JobManager, and per GOP in the encoder)
        IntraCodecs.requireKnown(intraId);
        p = p.withIntra(intraId, null);
        if (variant != null) {
            p = p.withVariant(variant(variant));
        }
        if (gop != null) {
            p = p.withGopFrames((int) Limits.checkRange("stream config gop-frames", Integer.parseInt(gop),
                    p.variant().minGopFrames(), Limits.MAX_GOP_FRAMES));
        }
        if (bpp != null) {
            p = p.withTargetBpp(Double.parseDouble(bpp));
        }
        if (quality != null && !quality.isBlank()) {
            p = p.withTargetQuality((int) Limits.checkRange("stream config quality", Integer.parseInt(quality.trim()),
                    Limits.MIN_QUALITY, Limits.MAX_QUALITY));
        }
        if (m != null && !m.isEmpty()) {
            p = p.withAtoms((int) Limits.checkRange("stream config m", Integer.parseInt(m), 0,
                    Limits.maxAtoms(p.codebookSize())));
        }
        if (q != null && !q.isEmpty()) {
            p = p.withIntra(p.intraCodec(), Integer.parseInt(q));
        }
        if (intraPeriod != null && !intraPeriod.isBlank()) {
            p = p.withIntraPeriod((int) Limits.checkRange("stream config intra-period",
                    Integer.parseInt(intraPeriod.trim()), 1, Limits.MAX_INTRA_PERIOD));
        }
        if (independent != null && !independent.isBlank()) {
            p = p.withIndependentPeriods(bool("independent-periods", independent));
        }
        if (segments != null && !segments.isBlank()) {
            p = p.withMaxSegments((int) Limits.checkRange("stream config max-segments",
                    Integer.parseInt(segments.trim()), 1, Limits.MAX_SEGMENTS));
        }
        if (bridge != null && !bridge.isBlank()) {
            p = p.withBridgeRule(BridgeRule.byName(bridge));
        }
        if (prompt != null) {
            p = p.withPrompt(Limits.checkPrompt("stream config prompt", prompt));
        }
        String w = get(streamId, "width");
        String h = get(streamId, "height");
        // 0: any size; else the size the bitstream can carry
        return new StreamSettings(p, w == null ? 0 : side("width", w), h == null ? 0 : side("height", h));
    }

    private static boolean bool(String key, String value) {
        return switch (value.trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("stream config " + key + " must be true or false, got '"
                    + value.trim() + "'");
        };
    }

    private static int side(String key, String value) {
        return (int) Limits.checkRange("stream config " + key, Integer.parseInt(value.trim()), 1, Limits.MAX_SIDE);
    }

    private String get(String stream, String key) {
        String v = entries.get("stream." + stream + "." + key);
        return v != null ? v : entries.get("default." + key);
    }

    private static Variant variant(String s) {
        Variant v;
        try {
            v = Variant.valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown variant '" + s + "' (flf2v or t2v)");
        }
        if (v == Variant.I2V) {
            throw new IllegalArgumentException("variant i2v cannot run live: an I2V GOP starts from the previous "
                    + "GOP's generated last frame, so GOPs could not be decoded in parallel; use flf2v or t2v");
        }
        return v;
    }

    /** Refuses unknown keys and bad values at job build time, not on the first GOP. */
    private void validate() {
        Set<String> streams = new TreeSet<>();
        for (String k : entries.keySet()) {
            if (k.equals("streams")) {
                continue;
            }
            String name;
            if (k.startsWith("default.")) {
                name = k.substring("default.".length());
            } else if (k.startsWith("stream.") && k.lastIndexOf('.') > "stream.".length()) {
                name = k.substring(k.lastIndexOf('.') + 1);
                streams.add(k.substring("stream.".length(), k.lastIndexOf('.')));
            } else {
                throw new IllegalArgumentException("stream config: unknown key '" + k
                        + "' (expected default.<setting>, stream.<id>.<setting> or streams)");
            }
            if (!KEYS.contains(name)) {
                throw new IllegalArgumentException("stream config: unknown setting '" + name + "' in '" + k
                        + "' (known: " + new TreeSet<>(KEYS) + ")");
            }
        }
        try {
            settings("");
            for (String s : streams) {
                settings(s);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("stream config: not a number: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "StreamConfig" + entries + " threads=" + threads;
    }
}
