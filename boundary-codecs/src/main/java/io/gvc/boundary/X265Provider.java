package io.gvc.boundary;

import io.gvc.codec.intra.IntraCodec;
import io.gvc.codec.intra.IntraCodecProvider;

/** Registers x265 ({@link X265IntraCodec}) without loading FFmpeg until a stream asks for it. */
public final class X265Provider implements IntraCodecProvider {

    @Override
    public String id() {
        return "x265";
    }

    @Override
    public IntraCodec create() {
        return new X265IntraCodec();
    }
}
