package io.gvc.boundary;

import static org.bytedeco.ffmpeg.global.avcodec.AV_EF_EXPLODE;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.presets.avutil.AVERROR_EAGAIN;

import io.gvc.codec.frame.Frame;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * One FFmpeg video decoder fed whole access units from memory (Annex-B for H.264 and HEVC, which
 * carry their parameter sets in band). Not thread-safe; one per sequence.
 */
final class AvDecoder implements AutoCloseable {

    private final AVCodecContext context;
    private final AVFrame picture;
    private final AVPacket packet;

    AvDecoder(int codecId) {
        Ffmpeg.init();
        AVCodec codec = avcodec_find_decoder(codecId);
        if (codec == null) {
            throw new IllegalStateException("FFmpeg has no decoder for codec id " + codecId);
        }
        context = avcodec_alloc_context3(codec);
        picture = av_frame_alloc();
        packet = av_packet_alloc();
        try {
            // One thread: frame threading would hold pictures back. Explode: a damaged stream is an
            // error for the caller, not a concealed picture that differs from what the encoder saw.
            context.thread_count(1).err_recognition(context.err_recognition() | AV_EF_EXPLODE);
            Ffmpeg.check(avcodec_open2(context, codec, (AVDictionary) null), "opening decoder");
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Decodes one access unit; returns the pictures that became ready. */
    List<Frame> decode(byte[] accessUnit) {
        // av_new_packet adds the zeroed padding FFmpeg's bit readers may read past the end
        Ffmpeg.check(av_new_packet(packet, accessUnit.length), "av_new_packet");
        packet.data().put(accessUnit);
        try {
            return receiveAfter(avcodec_send_packet(context, packet));
        } finally {
            av_packet_unref(packet);
        }
    }

    /** Ends the stream and returns the pictures still held back. */
    List<Frame> flush() {
        return receiveAfter(avcodec_send_packet(context, null));
    }

    private List<Frame> receiveAfter(int sendResult) {
        Ffmpeg.check(sendResult, "avcodec_send_packet");
        List<Frame> out = new ArrayList<>();
        while (true) {
            int ret = avcodec_receive_frame(context, picture);
            if (ret == AVERROR_EAGAIN() || ret == AVERROR_EOF) {
                return out;
            }
            Ffmpeg.check(ret, "avcodec_receive_frame");
            try {
                out.add(AvFrames.toFrame(picture));
            } finally {
                av_frame_unref(picture);
            }
        }
    }

    @Override
    public void close() {
        avcodec_free_context(context);
        av_frame_free(picture);
        av_packet_free(packet);
    }
}
