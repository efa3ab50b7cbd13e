package io.gvc.jobs.media;

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
 * slices left, so every byte counted in the bitrate is one a decoder reads.
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

    /** Checks at construction that FFmpeg really has the encoder (STACK.md trap 2). */
    FfmpegIntraCodec(X26x codec) {
        this.codec = codec;
        this.encoder = codec.encoder();
    }

    /** Quality 1..100 onto QP 51..5, linearly: higher quality, lower QP, never the reverse. */
    static int qp(int quality) {
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("quality must be 1..100, got " + quality);
        }
        return Math.max(0, Math.min(51, (int) Math.round(51 - quality * 0.46)));
    }

    /** The encoder options for one intra picture at {@code qp}. */
    abstract Map<String, String> intraOptions(int qp);

    @Override
    public String id() {
        return codec.id;
    }

    @Override
    public byte[] encode(Frame frame, int quality) {
        Frame coded = Fit.toSize(frame, codec.codedSide(frame.width()), codec.codedSide(frame.height()));
        VideoFormat format = new VideoFormat(coded.width(), coded.height(), FPS, 1);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        try (AvEncoder enc = new AvEncoder(encoder, format, intraOptions(qp(quality)))) {
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
        List<Frame> pictures = new ArrayList<>();
        try (AvDecoder dec = new AvDecoder(codec.decoderId)) {
            pictures.addAll(dec.decode(data));
            pictures.addAll(dec.flush());
        } catch (Ffmpeg.FfmpegException e) {
            throw new BitstreamException(FIELD, codec.id + " data does not decode: " + e.getMessage(), e);
        }
        if (pictures.size() != 1) {
            throw new BitstreamException(FIELD, codec.id + " data holds " + pictures.size()
                    + " pictures, expected 1");
        }
        Frame picture = pictures.get(0);
        int codedWidth = codec.codedSide(width), codedHeight = codec.codedSide(height);
        if (picture.width() != codedWidth || picture.height() != codedHeight) {
            throw new BitstreamException(FIELD, codec.id + " picture is " + picture.width() + "x"
                    + picture.height() + ", expected " + codedWidth + "x" + codedHeight + " for a "
                    + width + "x" + height + " frame");
        }
        return Fit.toSize(picture, width, height);
    }
}
