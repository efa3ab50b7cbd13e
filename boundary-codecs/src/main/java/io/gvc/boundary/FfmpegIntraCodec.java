package io.gvc.boundary;

import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.VideoFormat;
import io.gvc.codec.intra.IntraCodec;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVCodec;

/**
 * A boundary-frame codec that codes each frame as a one-picture, intra-only x264/x265 stream at a
 * constant QP. The returned bytes are that stream in Annex-B form with only the parameter sets and
 * slices left, so every byte counted in the bitrate is one a decoder reads, and without the first
 * start code, which every such stream has (bitstream version 8: three bytes a picture).
 *
 * <p>Stateless: each call opens its own encoder or decoder, so one instance serves many threads.
 */
abstract class FfmpegIntraCodec implements IntraCodec {

    /** Field name reported in {@link BitstreamException}s for an undecodable payload. */
    static final String FIELD = "intra payload";
    /** Nothing in the kept NAL units depends on the rate; any valid one will do. */
    private static final int FPS = 25;

    private final X26x codec;
    private final AVCodec encoder;
    private final ReferencePictures references = new ReferencePictures();
    private final ReferencePictures betweenPairs = new ReferencePictures();
    /** The parameter sets an intra payload leaves out where its own are these (x265: every picture). */
    private final ParameterSets parameterSets;

    /** Checks at construction that FFmpeg really has the encoder (STACK.md trap 2). */
    FfmpegIntraCodec(X26x codec) {
        this.codec = codec;
        this.encoder = codec.encoder();
        this.parameterSets = new ParameterSets(codec, coded -> intraStream(coded, 50), SlicePrefix.intra(codec));
    }

    /** One level per QP: qualities that share a QP code the same pictures (a predicted payload differs only in its quality byte). */
    @Override
    public int level(int quality) {
        return QualityScale.level(quality);
    }

    @Override
    public int coarsestCutQuality() {
        return QualityScale.COARSEST_CUT_QUALITY;
    }

    @Override
    public double lambda(int quality) {
        return QualityScale.lambda(quality);
    }

    /** The encoder options for one intra picture at {@code qp}. */
    abstract Map<String, String> intraOptions(int qp);

    @Override
    public String id() {
        return codec.id;
    }

    /**
     * An intra picture's payload: its NAL units without the first start code, and without the
     * parameter sets where they are the ones every picture of its size has ({@link ParameterSets};
     * bitstream version 12).
     */
    @Override
    public byte[] encode(Frame frame, int quality) {
        Frame coded = Fit.toSize(frame, codec.codedSide(frame.width()), codec.codedSide(frame.height()));
        return parameterSets.toPayload(intraStream(coded, quality), coded.width(), coded.height());
    }

    /**
     * A payload as a packet carries it (bitstream version 15): without the bytes its picture opens
     * with where they are the ones every picture of its kind opens with ({@link SlicePrefix}). Every
     * decode here takes both forms.
     */
    @Override
    public byte[] compact(byte[] payload, boolean predicted, boolean between) {
        if (between) {
            return ReferencedPayload.compact(payload, SlicePrefix.between(codec));
        }
        return predicted ? ReferencedPayload.compact(payload, SlicePrefix.predicted(codec)) : parameterSets.compact(payload);
    }

    /** The parameter sets a payload of a {@code width x height} frame leaves out, Annex-B (for tests). */
    byte[] parameterSetsFor(int width, int height) {
        return parameterSets.canonical(codec.codedSide(width), codec.codedSide(height)).clone();
    }

    /** One intra picture of a frame already at its coded size, Annex-B, filtered ({@link X26x#strip}). */
    private byte[] intraStream(Frame coded, int quality) {
        VideoFormat format = new VideoFormat(coded.width(), coded.height(), FPS, 1);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        try (AvEncoder enc = new AvEncoder(encoder, format, intraOptions(QualityScale.qp(quality)))) {
            enc.encode(coded).forEach(stream::writeBytes);
            enc.flush().forEach(stream::writeBytes);
        }
        return codec.strip(stream.toByteArray());
    }

    @Override
    public Frame decode(byte[] data, int width, int height) throws BitstreamException {
        if (data.length == 0) { // an empty packet would read as "end of stream" to FFmpeg
            throw new BitstreamException(FIELD, codec.id + " data is empty");
        }
        byte[] stream = parameterSets.toStream(data, codec.codedSide(width), codec.codedSide(height));
        return lastPicture(decodeUnits("data", stream), 1, "data holds", width, height);
    }

    /** Decodes access units in order (one per call: FFmpeg takes one at a time), then flushes. */
    private List<Frame> decodeUnits(String what, byte[]... accessUnits) throws BitstreamException {
        List<Frame> pictures = new ArrayList<>();
        try (AvDecoder dec = new AvDecoder(codec.decoderId)) {
            for (byte[] unit : accessUnits) {
                pictures.addAll(dec.decode(unit));
            }
            pictures.addAll(dec.flush());
        } catch (Ffmpeg.FfmpegException e) {
            throw new BitstreamException(FIELD, codec.id + " " + what + " does not decode: " + e.getMessage(), e);
        }
        return pictures;
    }

    /** The last of exactly {@code expected} decoded pictures, checked for its coded size and fitted to the frame's. */
    private Frame lastPicture(List<Frame> pictures, int expected, String holds, int width, int height)
            throws BitstreamException {
        if (pictures.size() != expected) {
            throw new BitstreamException(FIELD, codec.id + " " + holds + " " + pictures.size() + " pictures, expected "
                    + expected);
        }
        Frame picture = pictures.get(expected - 1);
        int codedWidth = codec.codedSide(width), codedHeight = codec.codedSide(height);
        if (picture.width() != codedWidth || picture.height() != codedHeight) {
            throw new BitstreamException(FIELD, codec.id + " picture is " + picture.width() + "x"
                    + picture.height() + ", expected " + codedWidth + "x" + codedHeight + " for a "
                    + width + "x" + height + " frame");
        }
        return Fit.toSize(picture, width, height);
    }

    /**
     * The encoder options for a two-picture sequence, the reference as an I picture then the frame
     * as a P picture, at {@code qp} for the P picture; null where this codec does not predict. The
     * I picture must depend on the reference alone (constant QP, no lookahead-driven QP), because
     * the decoder codes it again from its own copy of the reference.
     */
    Map<String, String> predictedOptions(int qp) {
        return null;
    }

    /**
     * Codes {@code frame} as the P picture of a two-picture stream whose I picture is
     * {@code reference}. Only the P picture is sent, with a checksum of the I picture's bytes: the
     * decoder already holds the reference and codes the same I picture itself, so the checksum turns
     * a different x265 build on the far side into a clear error instead of a wrong picture (the
     * layout: {@link ReferencedPayload}).
     */
    byte[] encodePredictedPicture(Frame reference, Frame frame, int quality) {
        Frame ref = fit(reference), cur = fit(frame);
        List<byte[]> packets = new ArrayList<>();
        try (AvEncoder enc = new AvEncoder(encoder, new VideoFormat(ref.width(), ref.height(), FPS, 1),
                predictedOptions(QualityScale.qp(quality)))) {
            packets.addAll(enc.encode(ref));
            packets.addAll(enc.encode(cur));
            packets.addAll(enc.flush());
        }
        if (packets.size() != 2) {
            throw new IllegalStateException(codec.id + " coded " + packets.size() + " packets for 2 pictures");
        }
        byte[] predicted = codec.strip(packets.get(1));
        byte[] intra = codec.strip(packets.get(0));
        references.put(ref, QualityScale.qp(quality), intra);
        return ReferencedPayload.write(intra, predicted);
    }

    /** Checks a payload's length and the boundary's quality; {@code kind} names it in errors ("predicted", "between"). */
    private void checkPayload(byte[] data, int quality, String kind) throws BitstreamException {
        if (data.length <= ReferencedPayload.HEADER) {
            throw new BitstreamException(FIELD, codec.id + " " + kind + " data holds " + data.length
                    + " bytes, not even its header and a picture");
        }
        if (quality < 1 || quality > 100) {
            throw new BitstreamException(FIELD, codec.id + " " + kind + " quality " + quality + " outside 1..100");
        }
    }

    private static void checkSize(Frame reference, int width, int height) throws BitstreamException {
        if (reference.width() != width || reference.height() != height) {
            throw new BitstreamException(FIELD, "reference is " + reference.width() + "x" + reference.height()
                    + ", the picture " + width + "x" + height);
        }
    }

    /** Decodes {@link #encodePredictedPicture}'s bytes given the same reference. */
    Frame decodePredictedPicture(byte[] data, Frame reference, int quality, int width, int height)
            throws BitstreamException {
        checkPayload(data, quality, "predicted");
        checkSize(reference, width, height);
        Frame ref = fit(reference);
        byte[] intra = references.get(ref, QualityScale.qp(quality), () -> referencePicture(ref, quality));
        ReferencedPayload.checkReferences(data, intra, codec.id, "reference picture codes");
        return lastPicture(decodeUnits("predicted data", intra,
                ReferencedPayload.picture(data, SlicePrefix.predicted(codec))), 2,
                "predicted data with its reference gives", width, height);
    }

    /** The I picture {@link #encodePredictedPicture} coded for {@code ref}, coded again on its own. */
    private byte[] referencePicture(Frame ref, int quality) {
        List<byte[]> packets = new ArrayList<>();
        try (AvEncoder enc = new AvEncoder(encoder, new VideoFormat(ref.width(), ref.height(), FPS, 1),
                predictedOptions(QualityScale.qp(quality)))) {
            packets.addAll(enc.encode(ref));
            packets.addAll(enc.flush());
        }
        return codec.strip(packets.get(0));
    }

    /**
     * The encoder options for a three-picture sequence: {@code past} as an I picture, {@code future}
     * as a P picture, then the frame between as a B picture at {@code qp}; null where this codec
     * does not code between pictures. As for {@link #predictedOptions}, the I and P pictures must
     * depend on the references alone.
     */
    Map<String, String> betweenOptions(int qp) {
        return null;
    }

    /**
     * A between payload is laid out as [u16: the low 16 bits of the CRC-32 of the I and P
     * pictures' bytes, in that order][the B picture's NAL units, Annex-B, without the first start
     * code]. The decoder codes the I and P pictures itself from its own two references, with a
     * copy of the past reference standing in for the frame between (x265 codes the I and P pictures
     * before the B and, at a constant QP without lookahead-driven decisions, from them alone); the
     * encoder decodes its payload the same way, so whatever x265 does, encoder and decoder agree.
     */
    byte[] encodeBetweenPicture(Frame past, Frame future, Frame frame, int quality) {
        Frame p = fit(past), f = fit(future), cur = fit(frame);
        List<byte[]> packets = codeBetweenSession(p, f, cur, QualityScale.qp(quality));
        // the I and P pictures are the ones a decoder codes with its stand-in for the frame between
        // (BetweenPictureX265Test checks it), so the encoder's own decode need not code them again
        byte[] references = joined(codec.strip(packets.get(0)), codec.strip(packets.get(1)));
        betweenPairs.put(p, f, QualityScale.qp(quality), references);
        return ReferencedPayload.write(concatenated(references), codec.strip(packets.get(2)));
    }

    /** Decodes {@link #encodeBetweenPicture}'s bytes given the same two references. */
    Frame decodeBetweenPicture(byte[] data, Frame past, Frame future, int quality, int width, int height)
            throws BitstreamException {
        checkPayload(data, quality, "between");
        checkSize(past, width, height);
        checkSize(future, width, height);
        Frame p = fit(past), f = fit(future);
        byte[] references = betweenPairs.get(p, f, QualityScale.qp(quality), () -> {
            List<byte[]> packets = codeBetweenSession(p, f, p, QualityScale.qp(quality)); // the past stands in for the frame between
            return joined(codec.strip(packets.get(0)), codec.strip(packets.get(1)));
        });
        ReferencedPayload.checkReferences(data, concatenated(references), codec.id, "reference pictures code");
        byte[][] units = split(references);
        List<Frame> pictures = decodeUnits("between data", units[0], units[1],
                ReferencedPayload.picture(data, SlicePrefix.between(codec)));
        if (pictures.size() != 3) {
            throw new BitstreamException(FIELD, codec.id + " between data with its references gives "
                    + pictures.size() + " pictures, expected 3");
        }
        // display order: past, the frame between, future
        return lastPicture(pictures.subList(0, 2), 2, "between data with its references gives", width, height);
    }

    /** The I and P pictures as one value to remember: the I picture's length, then both. */
    private static byte[] joined(byte[] i, byte[] p) {
        return java.nio.ByteBuffer.allocate(4 + i.length + p.length).putInt(i.length).put(i).put(p).array();
    }

    /** The I and P pictures of a {@link #joined} value, in that order. */
    private static byte[][] split(byte[] joined) {
        int n = java.nio.ByteBuffer.wrap(joined).getInt();
        return new byte[][] {java.util.Arrays.copyOfRange(joined, 4, 4 + n),
                java.util.Arrays.copyOfRange(joined, 4 + n, joined.length)};
    }

    /** The bytes a between payload's check covers: the I picture's, then the P picture's. */
    private static byte[] concatenated(byte[] joined) {
        return java.util.Arrays.copyOfRange(joined, 4, joined.length);
    }

    /** Codes past (I), then the frame between (B) and future (P); the packets come in coding order: I, P, B. */
    List<byte[]> codeBetweenSession(Frame past, Frame future, Frame between, int qp) {
        List<byte[]> packets = new ArrayList<>();
        try (AvEncoder enc = new AvEncoder(encoder, new VideoFormat(past.width(), past.height(), FPS, 1),
                betweenOptions(qp))) {
            packets.addAll(enc.encode(past));
            packets.addAll(enc.encode(between));
            packets.addAll(enc.encode(future));
            packets.addAll(enc.flush());
        }
        if (packets.size() != 3) {
            throw new IllegalStateException(codec.id + " coded " + packets.size() + " packets for 3 pictures");
        }
        return packets;
    }

    private Frame fit(Frame f) {
        return Fit.toSize(f, codec.codedSide(f.width()), codec.codedSide(f.height()));
    }
}
