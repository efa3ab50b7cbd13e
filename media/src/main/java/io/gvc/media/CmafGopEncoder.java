package io.gvc.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import io.gvc.boundary.Ffmpeg;
import io.gvc.boundary.Fit;
import io.gvc.boundary.X26x;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.VideoFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Codes one GOP of pictures as one CMAF fragment of H.264 (x264), for HLS with fMP4 segments.
 *
 * <p>Each GOP is coded on its own, by a fresh encoder: it starts with an IDR picture and needs
 * nothing from any other GOP, so segment boundaries are exactly the GOP boundaries and a player can
 * start at any segment. x264 settings are fixed (CRF, preset, no B-frames, no scene-cut keyframes),
 * so every GOP of a stream gets the same sequence and picture parameter sets and the first GOP's
 * init segment serves them all. The fragment's decode time is rewritten to the GOP's place in the
 * stream (its first frame index / frame rate), so the fragments form one timeline.
 */
public final class CmafGopEncoder {

    /** x264's constant rate factor: the last mile to the viewer, so visually near-transparent. */
    public static final int CRF = 16;
    static final String PRESET = "medium";

    private final VideoFormat format;
    private final int codedWidth;
    private final int codedHeight;

    /**
     * One CMAF fragment.
     *
     * @param init      the initialisation segment (ftyp + moov) this fragment decodes with
     * @param media     the media segment (moof + mdat)
     * @param frames    pictures in it
     * @param timescale ticks per second of the fragment's timeline
     */
    public record Fragment(byte[] init, byte[] media, int frames, long timescale) {
    }

    public CmafGopEncoder(VideoFormat format) {
        X26x.X264.encoder(); // JavaCV would quietly take another H.264 encoder (STACK.md trap 2)
        this.format = format;
        this.codedWidth = X26x.X264.codedSide(format.width());
        this.codedHeight = X26x.X264.codedSide(format.height());
    }

    /**
     * Codes {@code frames} (all of this encoder's format) as the fragment numbered {@code sequence}
     * (1, 2, ...) whose first picture is frame {@code firstFrameIndex} of the stream.
     */
    public Fragment encode(List<Frame> frames, long firstFrameIndex, long sequence) throws IOException {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("a fragment needs at least one frame");
        }
        byte[] mp4 = fragmentedMp4(frames);
        List<IsoBoxes.Box> boxes = IsoBoxes.topLevel(mp4);
        IsoBoxes.Box moov = null;
        int mediaFrom = -1, mediaTo = -1;
        for (IsoBoxes.Box b : boxes) {
            switch (b.type()) {
                case "moov" -> moov = b;
                case "moof" -> {
                    if (mediaFrom >= 0) {
                        throw new IOException("x264 coded the GOP as more than one fragment (a keyframe inside it)");
                    }
                    mediaFrom = b.offset();
                }
                case "mdat" -> mediaTo = b.end();
                default -> {
                    // ftyp is part of the init segment; mfra (the trailer's index) is not needed by HLS
                }
            }
        }
        if (moov == null || mediaFrom < 0 || mediaTo < mediaFrom) {
            throw new IOException("FFmpeg wrote no moov/moof/mdat: boxes " + boxes);
        }
        long timescale = IsoBoxes.timescale(mp4, moov);
        // ticks per frame = timescale * fpsDen / fpsNum, exact for the rates FFmpeg picks a timescale for
        long base = Math.multiplyExact(firstFrameIndex, timescale * format.fpsDen()) / format.fpsNum();
        byte[] media = Arrays.copyOfRange(mp4, mediaFrom, mediaTo);
        IsoBoxes.retime(media, IsoBoxes.topLevel(media).get(0), sequence, base);
        return new Fragment(Arrays.copyOfRange(mp4, 0, moov.end()), media, frames.size(), timescale);
    }

    private byte[] fragmentedMp4(List<Frame> frames) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(out, codedWidth, codedHeight, 0)) {
            r.setFormat("mp4");
            // fragmented: moov first with no samples, then one moof+mdat per keyframe, base offsets in the moof
            r.setOption("movflags", "frag_keyframe+empty_moov+default_base_moof");
            r.setVideoCodecName(X26x.X264.encoderName);
            r.setPixelFormat(AV_PIX_FMT_YUV420P);
            r.setFrameRate((double) format.fpsNum() / format.fpsDen());
            r.setGopSize(frames.size() + 1); // the only keyframe is the first picture
            r.setVideoOption("crf", Integer.toString(CRF));
            r.setVideoOption("preset", PRESET);
            // no B-frames: decode order = display order, so no composition offsets across fragments;
            // no scene-cut keyframes: one fragment per GOP
            r.setVideoOption("x264-params", "bframes=0:scenecut=0");
            r.start();
            for (Frame f : frames) {
                if (f.width() != format.width() || f.height() != format.height()) {
                    throw new IllegalArgumentException("frame of " + f.width() + "x" + f.height() + " in a "
                            + format.width() + "x" + format.height() + " stream");
                }
                r.recordImage(codedWidth, codedHeight, org.bytedeco.javacv.Frame.DEPTH_UBYTE, 1, codedWidth,
                        AV_PIX_FMT_YUV420P, ByteBuffer.wrap(Fit.toSize(f, codedWidth, codedHeight).toI420()));
            }
            r.stop();
        } catch (FrameRecorder.Exception e) {
            throw new IOException("coding a GOP as fMP4 failed (" + Ffmpeg.reason(e) + ")", e);
        }
        return out.toByteArray();
    }
}
