package io.gvc.boundary;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_HEVC;

import java.util.Arrays;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVCodec;

/**
 * x264 and x265 as this package drives them: the FFmpeg names, the settings every use shares, and
 * which NAL units a decoder needs. Public for the media module's H.264 writers and the evaluation's
 * x264/x265 baselines, which drive the encoders the same way.
 */
public enum X26x {

    // threads=1: x264's output depends on its thread count, which by default follows the core count.
    X264("x264", "libx264", AV_CODEC_ID_H264, "h264", 2, "x264-params", "threads=1") {
        @Override
        boolean decoderNeeds(int nalHeader) {
            int type = nalHeader & 0x1F;
            return type != 6 && type != 9 && type != 12; // SEI, access unit delimiter, filler
        }

        @Override
        boolean isParameterSet(int nalHeader) {
            int type = nalHeader & 0x1F;
            return type == 7 || type == 8; // SPS, PPS
        }
    },
    // pools=none and frame-threads=1 make x265 single-threaded and so deterministic; info=0 drops the
    // SEI that repeats the whole command line (hundreds of bytes in every stream). FFmpeg's wrapper
    // refuses pictures under 16 pixels a side.
    X265("x265", "libx265", AV_CODEC_ID_HEVC, "hevc", 16, "x265-params",
            "pools=none:frame-threads=1:log-level=none:info=0") {
        @Override
        boolean decoderNeeds(int nalHeader) {
            int type = (nalHeader >> 1) & 0x3F;
            return type != 35 && type != 38 && type != 39 && type != 40; // AUD, filler, SEI prefix/suffix
        }

        @Override
        boolean isParameterSet(int nalHeader) {
            int type = (nalHeader >> 1) & 0x3F;
            return type == 32 || type == 33 || type == 34; // VPS, SPS, PPS
        }
    };

    /** The name used in GVC: bitstream intra codec ids and the evaluation's baseline names. */
    public final String id;
    public final String encoderName;
    final int decoderId;
    /** FFmpeg's demuxer for the raw elementary stream. */
    public final String demuxer;
    private final int minSide;
    private final String paramsOption;
    private final String commonParams;

    X26x(String id, String encoderName, int decoderId, String demuxer, int minSide, String paramsOption,
            String commonParams) {
        this.id = id;
        this.encoderName = encoderName;
        this.decoderId = decoderId;
        this.demuxer = demuxer;
        this.minSide = minSide;
        this.paramsOption = paramsOption;
        this.commonParams = commonParams;
    }

    public static X26x byId(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("unknown codec '" + id + "', expected x264 or x265"));
    }

    /** The picture side the encoder is given for a frame side: even (4:2:0) and at least the minimum. */
    public int codedSide(int side) {
        return Math.max(minSide, side + (side & 1));
    }

    /** The FFmpeg encoder, checked to be the real one (STACK.md trap 2). */
    public AVCodec encoder() {
        return Ffmpeg.requireEncoder(encoderName);
    }

    /** Encoder options: a preset and the common settings followed by {@code params}. */
    public Map<String, String> options(String preset, String params) {
        return Map.of("preset", preset, paramsOption, commonParams + ":" + params);
    }

    /** The Annex-B stream without the NAL units no decoder needs (encoder banners, delimiters). */
    public byte[] strip(byte[] annexB) {
        return AnnexB.filter(annexB, this::decoderNeeds);
    }

    abstract boolean decoderNeeds(int nalHeader);

    /** Whether the NAL unit with this first header byte is a parameter set (VPS, SPS, PPS). */
    abstract boolean isParameterSet(int nalHeader);
}
