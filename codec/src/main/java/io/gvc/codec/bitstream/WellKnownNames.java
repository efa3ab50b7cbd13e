package io.gvc.codec.bitstream;

import java.util.List;

/**
 * The names a stream nearly always carries, each written as one byte instead of spelled out
 * (version 13): the boundary codecs this project ships and the prior models it ships. A name field
 * (`name8` in docs/bitstream.md) is one byte b: b &lt; 0x80 is the length of the UTF-8 name that
 * follows; b &gt;= 0x80 is entry b - 0x80 of the field's table below, and nothing follows. A name in
 * the table is always written as its entry (one layout per value); the tables may grow, and a
 * decoder refuses an entry past its own table by name. Tables apart from the logic that reads
 * them, so that the format's constants are found in one place.
 */
final class WellKnownNames {

    /** Boundary codec ids: {@code stream.intra_codec} and {@code boundary[i].codec}. */
    static final List<String> CODECS = List.of("x265", "x264", "gvc-dct");

    /** Prior model ids: {@code config.model_id}. */
    static final List<String> MODELS = List.of("gvc-learned-bridge-1", "gvc-learned-picture-3", "gvc-gauss-dct",
            "gvc-gauss-dct-onnx");

    /** The bit of a name field's byte that marks a table entry. */
    static final int ENTRY = 0x80;

    /** The longest name a name field spells out. */
    static final int MAX_SPELLED_BYTES = ENTRY - 1;

    private WellKnownNames() {
    }
}
