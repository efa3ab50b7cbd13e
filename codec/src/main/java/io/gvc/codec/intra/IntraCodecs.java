package io.gvc.codec.intra;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Finds intra codecs by id: the built-in {@code gvc-dct}, plus any registered with
 * {@link ServiceLoader} (x264 and x265 from the jobs module).
 */
public final class IntraCodecs {

    private IntraCodecs() {
    }

    public static Map<String, IntraCodec> available() {
        Map<String, IntraCodec> all = new LinkedHashMap<>();
        all.put(DctIntraCodec.ID, new DctIntraCodec());
        for (IntraCodec c : ServiceLoader.load(IntraCodec.class)) {
            all.putIfAbsent(c.id(), c);
        }
        return all;
    }

    /**
     * The boundary codec used when none is asked for, the same for `gvc encode`, `gvc eval` and the
     * live encoder: x265 where FFmpeg provides it (the keyframe chain's predicted pictures cost
     * less than half an intra picture there), else the pure-Java gvc-dct.
     */
    public static String defaultId() {
        return available().containsKey("x265") ? "x265" : DctIntraCodec.ID;
    }

    /** The codec with this id, or an IllegalArgumentException naming the ids there are. */
    public static IntraCodec byId(String id) {
        IntraCodec c = available().get(id);
        if (c == null) {
            throw new IllegalArgumentException("unknown intra codec '" + id + "' (available: "
                    + String.join(", ", available().keySet()) + ")");
        }
        return c;
    }
}
