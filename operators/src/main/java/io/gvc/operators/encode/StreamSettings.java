package io.gvc.operators.encode;

import io.gvc.codec.CodecParams;

/**
 * How one stream is coded, and what its raw GOPs must look like.
 *
 * @param params codec settings (GOP size, variant, rate)
 * @param width  expected picture width, or 0 to accept any
 * @param height expected picture height, or 0 to accept any
 */
public record StreamSettings(CodecParams params, int width, int height) {

    public boolean fixesResolution() {
        return width > 0 && height > 0;
    }
}
