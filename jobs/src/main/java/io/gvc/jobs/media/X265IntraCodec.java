package io.gvc.jobs.media;

import java.util.Map;

/** Boundary frames as HEVC intra pictures coded by x265 (id {@code x265}). */
public final class X265IntraCodec extends FfmpegIntraCodec {

    public X265IntraCodec() {
        super(X26x.X265);
    }

    /**
     * keyint=1 and no scene cut: one I picture and nothing else. No timing or HRD data in the VUI:
     * a lone picture has no rate, and those fields would be paid for in every boundary frame.
     */
    @Override
    Map<String, String> intraOptions(int qp) {
        return X26x.X265.options("medium",
                "qp=" + qp + ":keyint=1:scenecut=0:bframes=0:vui-timing-info=0:vui-hrd-info=0");
    }
}
