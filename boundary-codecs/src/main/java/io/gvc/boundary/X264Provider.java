package io.gvc.boundary;

import io.gvc.codec.intra.IntraCodec;
import io.gvc.codec.intra.IntraCodecProvider;

/** Registers x264 ({@link X264IntraCodec}) without loading FFmpeg until a stream asks for it. */
public final class X264Provider implements IntraCodecProvider {

    @Override
    public String id() {
        return "x264";
    }

    @Override
    public IntraCodec create() {
        return new X264IntraCodec();
    }
}
