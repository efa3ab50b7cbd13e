package io.gvc.codec;

import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.intra.DctIntraCodec;
import io.gvc.codec.intra.PredictiveCodec;

/** The engine's DCT codec behind the codec interfaces, for tests that change one of its methods. */
class DctPredictiveCodec implements PredictiveCodec {
    final DctIntraCodec dct = new DctIntraCodec();

    @Override
    public String id() {
        return dct.id();
    }

    @Override
    public byte[] encode(Frame frame, int quality) {
        return dct.encode(frame, quality);
    }

    @Override
    public Frame decode(byte[] data, int width, int height) throws BitstreamException {
        return dct.decode(data, width, height);
    }

    @Override
    public byte[] encodePredicted(Frame reference, Frame frame, int quality) {
        return dct.encodePredicted(reference, frame, quality);
    }

    @Override
    public Frame decodePredicted(byte[] data, Frame reference, int quality, int width, int height)
            throws BitstreamException {
        return dct.decodePredicted(data, reference, quality, width, height);
    }
}
