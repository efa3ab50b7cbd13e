package io.gvc.codec.intra;

/**
 * The HEVC reference encoder's lambda, 0.57 * 2^((QP - 12) / 3): the luma squared error its
 * rate-distortion decisions trade for one bit at a QP. The boundary codecs' {@link IntraCodec#lambda}
 * is this at their own quantiser (x265 and x264 at the QP a picture is coded at, gvc-dct at its
 * quantiser step), so they price bits alike.
 */
public final class HevcLambda {

    private HevcLambda() {
    }

    /** The lambda at {@code qp}. */
    public static double ofQp(double qp) {
        return 0.57 * Math.pow(2, (qp - 12) / 3.0);
    }

    /**
     * The lambda at the QP whose quantiser step is {@code step} (HEVC: step = 2^((QP - 4) / 6), so the
     * lambda is 0.57 * 2^(-8/3) * step^2 = 0.0898 * step^2).
     */
    public static double ofQuantiserStep(double step) {
        return ofQp(4 + 6 * Math.log(step) / Math.log(2));
    }
}
