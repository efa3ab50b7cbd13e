package io.gvc.codec.bitstream;

import io.gvc.codec.variant.Variant;
import java.util.ArrayList;
import java.util.List;

/**
 * A packet's boundary pictures: `packet.boundary_count`, `packet.between` (version 10) and each
 * boundary's position, codec, quality byte (with the predicted bit) and data, as docs/bitstream.md
 * lays them out.
 */
final class BoundaryField {

    /** The high bit of a boundary's quality byte: the picture is predicted (version 4). */
    static final int PREDICTED_BIT = 0x80;

    private BoundaryField() {
    }

    /**
     * Writes {@code boundaries}. In a live packet ({@code streamCodec} null) each names its codec, a
     * codec id equal to the one before it written empty; in a file every boundary is coded with the
     * stream header's intra codec {@code streamCodec} and names none (version 14; refused otherwise).
     */
    static void write(FieldWriter out, List<BoundaryPicture> boundaries, String streamCodec) {
        out.u8(boundaries.size());
        long between = betweenMask(boundaries);
        if (boundaries.size() >= 2) { // one boundary is the last, never a between picture
            out.uv(between);
        }
        String previousCodec = null;
        for (BoundaryPicture b : boundaries) {
            if (b.quality() < Limits.MIN_QUALITY || b.quality() > Limits.MAX_QUALITY) {
                throw new IllegalArgumentException("boundary at " + b.position() + " has quality " + b.quality()
                        + ", outside 1..100");
            }
            if (b.codecId().isEmpty()) {
                throw new IllegalArgumentException("boundary at " + b.position() + " names no codec");
            }
            out.uv(b.position());
            if (streamCodec == null) {
                // a codec id the boundary before it in this packet already named is written empty
                out.name(b.codecId().equals(previousCodec) ? "" : b.codecId(), WellKnownNames.CODECS);
                previousCodec = b.codecId();
            } else if (!b.codecId().equals(streamCodec)) {
                throw new IllegalArgumentException("boundary at " + b.position() + " is coded with " + b.codecId()
                        + ": a file codes every boundary with its header's intra codec, " + streamCodec);
            }
            out.u8(b.quality() | (b.predicted() ? PREDICTED_BIT : 0)).uv(b.data().length).bytes(b.data());
        }
    }

    /** Bit i set: boundary i is a between picture; never the last, which is a chain keyframe. */
    private static long betweenMask(List<BoundaryPicture> boundaries) {
        long mask = 0;
        for (int i = 0; i < boundaries.size(); i++) {
            if (boundaries.get(i).between()) {
                if (i == boundaries.size() - 1) {
                    throw new IllegalArgumentException("the last boundary (at " + boundaries.get(i).position()
                            + ") cannot be a between picture");
                }
                mask |= 1L << i;
            }
        }
        return mask;
    }

    /**
     * The boundaries of a GOP of {@code frames} frames, in increasing position; in a file
     * ({@code streamCodec} the header's intra codec) each is coded with {@code streamCodec}, in a
     * live packet ({@code streamCodec} null) each names its own.
     */
    static List<BoundaryPicture> read(FieldReader r, int frames, Variant variant, String streamCodec)
            throws BitstreamException {
        int nb = r.u8In("packet.boundary_count", 0, Limits.MAX_BOUNDARIES);
        long between = nb >= 2 ? r.uv("packet.between") : 0;
        if (between >>> nb != 0 || (between >>> (nb - 1) & 1) != 0) {
            throw new BitstreamException("packet.between", "is " + between + ": it marks a boundary past the "
                    + "packet's " + nb + " or its last one, which must be a chain keyframe");
        }
        if (nb > 0 && streamCodec != null && streamCodec.isEmpty()) {
            throw new BitstreamException("packet.boundary_count", "is " + nb + ", but the stream header names no intra "
                    + "codec to code them with");
        }
        List<BoundaryPicture> boundaries = new ArrayList<>(nb);
        int previous = -1;
        String previousCodec = null;
        for (int i = 0; i < nb; i++) {
            String f = "packet.boundary[" + i + "]";
            // keyframes in increasing position; ones between the first and last frame only in FLF2V
            int pos = r.uvInt(f + ".position", previous + 1, frames - 1);
            if (pos > 0 && pos < frames - 1 && !variant.hasLaterKeyframes()) {
                throw new BitstreamException(f + ".position", "is " + pos + ": only FLF2V GOPs carry mid-GOP keyframes");
            }
            previous = pos;
            String codec = streamCodec; // a file's boundaries name no codec: the header's (version 14)
            if (streamCodec == null) {
                codec = r.name(f + ".codec", WellKnownNames.CODECS, 64);
                if (codec.isEmpty()) {
                    if (previousCodec == null) {
                        throw new BitstreamException(f + ".codec", "is empty (same as the boundary before it), "
                                + "but it is the first boundary of a live packet, which has no other to take it from");
                    }
                    codec = previousCodec;
                }
                previousCodec = codec;
            }
            int qp = r.u8(f + ".quality");
            int q = (int) FieldReader.checkRange(f + ".quality", qp & ~PREDICTED_BIT, Limits.MIN_QUALITY, Limits.MAX_QUALITY);
            // a keyframe after the first may be predicted from the keyframe before it
            boolean predicted = (qp & PREDICTED_BIT) != 0;
            if (predicted && pos == 0) {
                throw new BitstreamException(f + ".predicted", "is set on the GOP's first frame, which has no "
                        + "keyframe before it");
            }
            boolean isBetween = (between >>> i & 1) != 0;
            if (isBetween && !predicted) {
                throw new BitstreamException(f + ".predicted", "is clear on a between picture (packet.between), "
                        + "which is predicted from the keyframes either side of it");
            }
            int len = r.uvInt(f + ".length", 0, Limits.MAX_BOUNDARY_BYTES);
            boundaries.add(new BoundaryPicture(pos, codec, q, predicted, isBetween, r.bytes(len, f + ".data")));
        }
        return boundaries;
    }
}
