package io.gvc.boundary;

import java.util.Map;

/** Boundary frames as H.264 intra pictures coded by x264 (id {@code x264}). */
public final class X264IntraCodec extends FfmpegIntraCodec {

    public X264IntraCodec() {
        super(X26x.X264);
    }

    /**
     * keyint=1 and no scene cut: one I picture. psy=0: the psychovisual tunings spend bits on
     * texture the eye likes but the boundary frame only has to be faithful.
     */
    @Override
    Map<String, String> intraOptions(int qp) {
        return X26x.X264.options("medium", QualityScale.intraQp(qp) + ":keyint=1:scenecut=0:psy=0");
    }
}
