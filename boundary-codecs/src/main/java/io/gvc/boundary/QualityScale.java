package io.gvc.boundary;

import io.gvc.codec.intra.HevcLambda;

/**
 * The x264/x265 boundary codecs' quality scale: quality 1..100 onto a QP, and the levels the rate
 * control searches (one per QP). Part of the format: a predicted payload's decoder codes its
 * reference picture again at the QP of the picture's quality (docs/bitstream.md, "Qualities of
 * x265 and x264 pictures").
 */
final class QualityScale {

    /** The nominal QP of the coarsest quality: its pictures are coded at QP 51, the coarsest H.264 and HEVC have. */
    static final int COARSEST_QP = 54;

    /**
     * The coarsest quality of a cut plan's keyframes and of between pictures ({@link
     * io.gvc.codec.intra.IntraCodec#coarsestCutQuality}): nominal QP 51, pictures at 48, the
     * coarsest any picture had before the three coarser qualities (version 16).
     */
    static final int COARSEST_CUT_QUALITY = COARSEST_QP + 1 - 51;

    /**
     * Quality 1..100 onto the nominal QP 54..5: higher quality, lower QP, never the reverse. The
     * nominal QP is the x26x {@code qp} option of an intra picture, which codes it 3 QP finer
     * ({@link #intraQp}), and every picture of a quality is coded at that QP - 3. From quality 8 up
     * linearly, round(51 - 0.46 quality); qualities 1..7 are one level each, 54..48, so that the
     * coarsest pictures are at QP 51..49, where x265's own CRF 51 codes (bitstream version 16; until
     * then quality 1 was QP 51, pictures at 48, and a short clip's lowest rate stopped there, far
     * above a low target: CiscoVT2people at 0.015 bpp for 0.004).
     */
    static int qp(int quality) {
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("quality must be 1..100, got " + quality);
        }
        if (quality <= 7) {
            return COARSEST_QP + 1 - quality;
        }
        return Math.max(0, Math.min(51, (int) Math.round(51 - quality * 0.46)));
    }

    /**
     * The x26x options that code an intra picture of nominal QP {@code qp} at {@code qp} - 3: the
     * {@code qp} option itself with the encoders' default I-picture offset (ipratio 1.4, 3 QP) up to
     * 51, above it (the three coarsest qualities) the picture's own QP with no offset, since the
     * option stops at 51.
     */
    static String intraQp(int qp) {
        return qp <= 51 ? "qp=" + qp : "qp=" + (qp - 3) + ":ipratio=1";
    }

    /**
     * The lambda of a picture of {@code quality} (luma squared error per bit, {@link
     * io.gvc.codec.intra.IntraCodec#lambda}): HEVC's at the QP the picture is coded at, its nominal
     * QP - 3. Not part of the format: the price at which the encoder judges its atoms.
     */
    static double lambda(int quality) {
        return HevcLambda.ofQp(qp(quality) - 3);
    }

    /** One level per QP, 0 the coarsest: qualities that share a QP code the same pictures. */
    static int level(int quality) {
        return COARSEST_QP - qp(quality);
    }

    private QualityScale() {
    }
}
