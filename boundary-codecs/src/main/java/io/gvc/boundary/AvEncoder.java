package io.gvc.boundary;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_DICT_IGNORE_SUFFIX;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_get;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.presets.avutil.AVERROR_EAGAIN;

import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.VideoFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * One FFmpeg video encoder, used through the raw API rather than JavaCV's recorder so that the coded
 * packets come back in memory with no container around them. Not thread-safe; one per sequence.
 */
public final class AvEncoder implements AutoCloseable {

    private final AVCodecContext context;
    private final AVFrame picture;
    private final AVPacket packet;
    private long pts;

    /**
     * Opens {@code codec} for yuv420p pictures of {@code format} (even sizes). {@code options} are
     * the encoder's private options; one it does not know is an error, not a silent no-op.
     */
    public AvEncoder(AVCodec codec, VideoFormat format, Map<String, String> options) {
        context = avcodec_alloc_context3(codec);
        picture = av_frame_alloc();
        packet = av_packet_alloc();
        try {
            context.width(format.width()).height(format.height()).pix_fmt(AV_PIX_FMT_YUV420P)
                    .time_base(av_make_q(format.fpsDen(), format.fpsNum()))
                    .framerate(av_make_q(format.fpsNum(), format.fpsDen()))
                    .thread_count(1); // one thread: the same frames give the same bytes on any machine
            open(codec, options);
            picture.format(AV_PIX_FMT_YUV420P).width(format.width()).height(format.height());
            Ffmpeg.check(av_frame_get_buffer(picture, 0), "av_frame_get_buffer");
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void open(AVCodec codec, Map<String, String> options) {
        AVDictionary dict = new AVDictionary(null);
        options.forEach((key, value) -> av_dict_set(dict, key, value, 0));
        try {
            Ffmpeg.check(avcodec_open2(context, codec, dict), "opening encoder " + codec.name().getString());
            // avcodec_open2 leaves behind the options nobody consumed
            List<String> unknown = new ArrayList<>();
            for (AVDictionaryEntry e = av_dict_get(dict, "", null, AV_DICT_IGNORE_SUFFIX); e != null;
                    e = av_dict_get(dict, "", e, AV_DICT_IGNORE_SUFFIX)) {
                unknown.add(e.key().getString());
            }
            if (!unknown.isEmpty()) {
                throw new IllegalStateException(codec.name().getString() + " does not know options " + unknown);
            }
        } finally {
            av_dict_free(dict);
        }
    }

    /** Codes one frame; returns the packets that became ready (none while the encoder looks ahead). */
    public List<byte[]> encode(Frame frame) {
        Ffmpeg.check(av_frame_make_writable(picture), "av_frame_make_writable");
        AvFrames.fill(picture, frame);
        picture.pts(pts++);
        return send(picture);
    }

    /** Ends the sequence and returns the packets still held back. */
    public List<byte[]> flush() {
        return send(null);
    }

    private List<byte[]> send(AVFrame frame) {
        Ffmpeg.check(avcodec_send_frame(context, frame), "avcodec_send_frame");
        List<byte[]> out = new ArrayList<>();
        while (true) {
            int ret = avcodec_receive_packet(context, packet);
            if (ret == AVERROR_EAGAIN() || ret == AVERROR_EOF) {
                return out;
            }
            Ffmpeg.check(ret, "avcodec_receive_packet");
            byte[] bytes = new byte[packet.size()];
            packet.data().get(bytes);
            av_packet_unref(packet);
            out.add(bytes);
        }
    }

    @Override
    public void close() {
        avcodec_free_context(context);
        av_frame_free(picture);
        av_packet_free(packet);
    }
}
