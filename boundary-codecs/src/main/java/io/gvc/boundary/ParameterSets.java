package io.gvc.boundary;

import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.frame.Frame;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.zip.CRC32;

/**
 * The parameter sets (HEVC: VPS, SPS, PPS; H.264: SPS, PPS) that open every intra picture x264 or
 * x265 codes. x265's are 69 to 70 bytes with their start codes (a payload without them, behind its
 * 2-byte check, is 67 to 68 bytes smaller) and the same for every picture of a size at every quality
 * (the QP is in the slice; checked on carphone and yoga at qualities 1 to 100 and in
 * ParameterSetsTest); x264's carry the QP (the PPS's pic_init_qp), so they mostly differ.
 *
 * <p>An intra payload (bitstream version 12) leaves them out where they are exactly the ones this
 * build codes for its size, and a decoder puts them back. Such a payload opens with two bytes: the
 * high bit set (a NAL unit's first bit, forbidden_zero_bit, never is, so a decoder tells the two
 * layouts apart without a field), then whether the slices' {@link SlicePrefix} is left out too
 * (bit 14, version 15: 2 bytes of x265's), then the low 14 bits (15 until version 15) of the CRC-32
 * of the sets it left out, so a decoder whose sets differ (another size, another x264/x265 build)
 * refuses it by name instead of showing a wrong picture. A payload whose sets differ keeps them and
 * opens with the first.
 */
final class ParameterSets {

    private final X26x codec;
    /** Codes one picture of a coded size (any content, any quality): Annex-B, filtered, as {@link X26x#strip} gives. */
    private final Function<Frame, byte[]> intraStream;
    /** What the slices open with, left out behind the check where they do ({@link #compact}, version 15). */
    private final SlicePrefix slicePrefix;
    /**
     * The canonical parameter sets per codec and coded size, Annex-B with start codes, as they open an
     * intra stream: shared by every codec instance of the process (a decoder makes one per stream),
     * so each size's grey picture is coded once.
     */
    private static final Map<Key, byte[]> BY_SIZE = new ConcurrentHashMap<>();

    private record Key(X26x codec, int width, int height) {
    }

    ParameterSets(X26x codec, Function<Frame, byte[]> intraStream, SlicePrefix slicePrefix) {
        this.codec = codec;
        this.intraStream = intraStream;
        this.slicePrefix = slicePrefix;
    }

    /**
     * A filtered intra stream (starting with a start code) as its payload: without the parameter
     * sets and behind their check where they are this size's canonical ones, else as it is; either
     * way without the first start code.
     */
    byte[] toPayload(byte[] stream, int codedWidth, int codedHeight) {
        int sets = AnnexB.leadingUnits(stream, codec::isParameterSet);
        byte[] canonical = canonical(codedWidth, codedHeight);
        if (sets > 0 && sets < stream.length && Arrays.equals(stream, 0, sets, canonical, 0, canonical.length)) {
            byte[] slices = AnnexB.withoutFirstStartCode(Arrays.copyOfRange(stream, sets, stream.length));
            int head = SETS_LEFT_OUT | check(canonical);
            byte[] out = new byte[CHECK_BYTES + slices.length];
            out[0] = (byte) (head >> 8);
            out[1] = (byte) head;
            System.arraycopy(slices, 0, out, CHECK_BYTES, slices.length);
            return out;
        }
        return AnnexB.withoutFirstStartCode(stream);
    }

    /**
     * {@code payload} as a packet carries it (version 15): where its sets are left out and its
     * slices open with the {@link SlicePrefix}, without that too, flagged in bit 14; else as it is.
     */
    byte[] compact(byte[] payload) {
        int head = payload.length > CHECK_BYTES ? (payload[0] & 0xFF) << 8 : 0;
        boolean setsOnly = (head & (SETS_LEFT_OUT | PREFIX_LEFT_OUT)) == SETS_LEFT_OUT;
        return setsOnly ? slicePrefix.leaveOut(payload, CHECK_BYTES, PREFIX_LEFT_OUT >> 8) : payload;
    }

    /** {@link #toPayload}'s or {@link #compact}'s output back: the stream a decoder reads. */
    byte[] toStream(byte[] payload, int codedWidth, int codedHeight) throws BitstreamException {
        if ((payload[0] & 0x80) == 0) {
            return AnnexB.withFirstStartCode(payload); // it kept its own sets
        }
        if (payload.length <= CHECK_BYTES) {
            throw new BitstreamException(FfmpegIntraCodec.FIELD, codec.id + " data of " + payload.length
                    + " bytes holds no picture after its parameter-set check");
        }
        byte[] sets;
        try {
            sets = canonical(codedWidth, codedHeight);
        } catch (RuntimeException e) { // a size the encoder refuses: no payload of it can be valid
            throw new BitstreamException(FfmpegIntraCodec.FIELD, codec.id + " cannot code the parameter sets for "
                    + codedWidth + "x" + codedHeight + ": " + e.getMessage(), e);
        }
        int head = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        if ((head & CHECK_MASK) != check(sets)) {
            throw new BitstreamException(FfmpegIntraCodec.FIELD, codec.id + " data was coded with other parameter "
                    + "sets than this decoder's for " + codedWidth + "x" + codedHeight
                    + " (another picture size or another " + codec.id + " build)");
        }
        byte[] slices = slicePrefix.unitsAfter(payload, CHECK_BYTES, (head & PREFIX_LEFT_OUT) != 0);
        byte[] out = Arrays.copyOf(sets, sets.length + 3 + slices.length);
        out[sets.length + 2] = 1; // the slices' start code
        System.arraycopy(slices, 0, out, sets.length + 3, slices.length);
        return out;
    }

    /** The bytes of a payload's parameter-set check, with its two flags. */
    static final int CHECK_BYTES = 2;
    private static final int SETS_LEFT_OUT = 0x8000;
    /** The slices' {@link SlicePrefix} left out too (version 15): the check keeps 14 bits. */
    private static final int PREFIX_LEFT_OUT = 0x4000;
    private static final int CHECK_MASK = 0x3FFF;

    private static int check(byte[] sets) {
        CRC32 crc = new CRC32();
        crc.update(sets);
        return (int) (crc.getValue() & CHECK_MASK);
    }

    /** This size's parameter sets: those of a mid-grey picture coded once (then kept). */
    byte[] canonical(int codedWidth, int codedHeight) {
        return BY_SIZE.computeIfAbsent(new Key(codec, codedWidth, codedHeight), k -> {
            byte[] stream = intraStream.apply(Frame.grey(codedWidth, codedHeight));
            int sets = AnnexB.leadingUnits(stream, codec::isParameterSet);
            if (sets <= 0) {
                throw new IllegalStateException(codec.id + " coded an intra picture without parameter sets");
            }
            return Arrays.copyOf(stream, sets);
        });
    }
}
