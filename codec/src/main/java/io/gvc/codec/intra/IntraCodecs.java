package io.gvc.codec.intra;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Finds intra codecs by id: the built-in {@code gvc-dct}, plus any registered as an
 * {@link IntraCodecProvider} with {@link ServiceLoader} (x264 and x265 from the boundary-codecs
 * module). Lookup is lazy: only the codec asked for is built, so asking for gvc-dct never loads
 * FFmpeg.
 */
public final class IntraCodecs {

    private IntraCodecs() {
    }

    /** The ids there are, gvc-dct first; builds no codec. */
    public static Set<String> ids() {
        return providers().keySet();
    }

    private static Map<String, IntraCodecProvider> providers() {
        Map<String, IntraCodecProvider> all = new LinkedHashMap<>();
        all.put(DctIntraCodec.ID, new BuiltIn());
        for (IntraCodecProvider p : ServiceLoader.load(IntraCodecProvider.class)) {
            all.putIfAbsent(p.id(), p);
        }
        return all;
    }

    /**
     * The boundary codec used when none is asked for, the same for `gvc encode`, `gvc eval` and the
     * live encoder: x265 where it is registered (the keyframe chain's predicted pictures cost less
     * than half an intra picture there), else the pure-Java gvc-dct. Builds no codec.
     */
    public static String defaultId() {
        return ids().contains("x265") ? "x265" : DctIntraCodec.ID;
    }

    /** A new codec with this id, or an IllegalArgumentException naming the ids there are. */
    public static IntraCodec byId(String id) {
        Map<String, IntraCodecProvider> all = providers();
        IntraCodecProvider p = all.get(id);
        if (p == null) {
            throw new IllegalArgumentException("unknown intra codec '" + id + "' (available: "
                    + String.join(", ", all.keySet()) + ")");
        }
        return p.create();
    }

    /** Checks that {@code id} names a registered codec without building it (an unknown one is named with those there are). */
    public static void requireKnown(String id) {
        Set<String> all = ids();
        if (!all.contains(id)) {
            throw new IllegalArgumentException("unknown intra codec '" + id + "' (available: "
                    + String.join(", ", all) + ")");
        }
    }

    private static final class BuiltIn implements IntraCodecProvider {
        @Override
        public String id() {
            return DctIntraCodec.ID;
        }

        @Override
        public IntraCodec create() {
            return new DctIntraCodec();
        }
    }
}
