package io.gvc.codec.fuzz;


/** The two kinds of mutation, by the name reports use. */
public enum MutationKind {
    /** Anywhere in the file; mostly refused at a CRC. */
    RAW("raw"),
    /** Inside the header or one packet, checksums recomputed afterwards. */
    CRC_FIXED("crc-fixed");

    private final String label;

    MutationKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public byte[] apply(byte[] in, MutationRandom rnd, StringBuilder what) {
        return this == RAW ? Mutations.raw(in, rnd, what) : Mutations.behindCrc(in, rnd, what);
    }
}
