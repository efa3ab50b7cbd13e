package io.gvc.boundary;

import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.intra.BidirectionalCodec;
import java.util.Map;

/**
 * Boundary frames as HEVC pictures coded by x265 (id {@code x265}): intra, or predicted (a P
 * picture) from the GOP's first frame, so a stream's boundaries form a low-frame-rate HEVC video.
 */
public final class X265IntraCodec extends FfmpegIntraCodec implements BidirectionalCodec {

    /**
     * The in-loop filters, for intra and predicted pictures alike: the deblocking filter weaker than
     * x265's default (offsets -2 for both tc and beta) and no sample adaptive offset (bitstream
     * version 9, codec v10). Both filters smooth, which buys a little PSNR and costs the texture
     * that a viewer and LPIPS see first at these rates; a keyframe is also what the bridge builds
     * every frame between from, so its texture is the GOP's. Measured on the two tuning clips (`gvc
     * eval --frames 33`, x265 CRF 51..35 as the baseline, targets 0.004..0.03), LPIPS BD-rate against
     * x265, yoga / man-skiing: x265's filters as they were -4.9 / -7.8 %; deblocking -2 with SAO
     * -9.2 / -9.5; <b>-2 without SAO -10.8 / -10.9</b> (PSNR-Y +25.4 -> +23.7 / +49.8 -> +54.5 %,
     * MS-SSIM +9.1 -> +7.0 / +44.6 -> +44.8 %); -4 with SAO -12.2 / -6.0; -4 without -15.8 / -7.2;
     * -6 without -17.5 / -3.3; no deblocking and no SAO -17.6 / +31.2 (blocks in man-skiing's
     * snow). The static camera wants ever less filtering, the fast one no less than -2: -2 without
     * SAO is the one that gains on both. Other psycho-visual rate distortion than x265's 2 (with these
     * filters psy-rd 1: yoga -7.1 %, 3: -5.1 %; with the old ones 4: -3.1 %) and
     * rate-distortion-optimised quantisation (rdoq-level 2, psy-rdoq 1: +11.6 %) were worse; adaptive
     * quantisation does nothing at a constant QP.
     */
    static final String LOOP_FILTERS = ":deblock=-2,-2:sao=0";

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
                QualityScale.intraQp(qp) + ":keyint=1:scenecut=0:bframes=0:vui-timing-info=0:vui-hrd-info=0" + LOOP_FILTERS);
    }

    /**
     * Constant QP with no adaptive quantisation and no CU-tree, so the I picture depends on the
     * reference alone; ipratio 8 codes it 18 QP finer than the P picture (it is never sent, so its
     * quality is free and makes the prediction closer to the reference the decoder really holds).
     * No B pictures, no scene cut: exactly one I then one P. No weighted prediction: with it x265's
     * P picture varied between identical runs (19 of 200 encodes of the same pictures in one
     * process differed), which would make the live encoder's packets differ from gvc encode's.
     * x265's qp option sets the P picture's QP and codes I pictures ipratio finer (1.4 by default,
     * 3 QP): the intra boundaries at this quality are coded at QP - 3, so the P picture is too, and
     * intra and prediction are compared at equal quality.
     *
     * <p>The P picture's motion search is wider and finer than preset medium's (codec v6: uneven
     * multi-hexagon search over 92 pixels, sub-pel refinement level 3): consecutive keyframes lie 2
     * to 16 frames apart, so their motion is several frames' worth. Measured on the tuning clips
     * (man-skiing, yoga; P pictures 2, 8 and 16 frames from an intra reference, qualities 3 to 30):
     * 3-10 % fewer bytes at equal or lower LPIPS, in the same time; `gvc eval` of both clips with
     * this search alone: LPIPS BD-rate against x265 +1.3 -> -5.1 % and +9.3 -> +2.2 % (codec v6 as a
     * whole: docs/results.md). The search does not touch the I picture. (An I picture 24 QP finer,
     * ipratio 16, was tried with it and not kept: yoga gained, man-skiing lost, on every metric's
     * mean a little worse.)
     *
     * <p>The in-loop filters ({@link #LOOP_FILTERS}) are the same as the intra pictures'; unlike the
     * search they change the I picture the decoder codes again, which is why they came with a
     * bitstream version (9). Until then the P picture sent no SAO and the I picture kept it
     * (selective-sao 1, codec v6: 2-5 % fewer bytes at equal LPIPS than SAO on both).
     */
    @Override
    Map<String, String> predictedOptions(int qp) {
        return X26x.X265.options("medium", referencePictureParams(qp) + P_SEARCH);
    }

    /** The P picture's search: the encoder's choice, not part of the format (it leaves the I picture as it is). */
    static final String P_SEARCH = ":me=umh:merange=92:subme=3";

    /**
     * The settings that decide the I picture a decoder codes again from its reference, so part of
     * the format (docs/bitstream.md, "Keyframe chain"): changing one needs a bitstream version.
     */
    static String referencePictureParams(int qp) {
        return "qp=" + Math.max(0, qp - 3) + ":keyint=250:min-keyint=250:scenecut=0:bframes=0"
                + ":ipratio=8:aq-mode=0:cutree=0:weightp=0:vui-timing-info=0:vui-hrd-info=0" + LOOP_FILTERS;
    }

    /**
     * A between picture (bitstream version 10): the B picture of an I-B-P sequence whose I and P
     * pictures are the two references; the B picture at QP - 3 like the intra and predicted pictures
     * of the same quality, the I and P pictures 21 and 18 QP finer than that (never
     * sent, so their quality is free: the B predicts from pictures close to the ones the decoder
     * holds). Constant QP, no adaptive quantisation, no CU-tree, no weighted prediction, one B picture
     * placed by rule (b-adapt 0): the I and P pictures depend on the references alone. All of it,
     * the P picture's search included, decides the I and P pictures a decoder codes again, so it is
     * part of the format (docs/bitstream.md, "Between pictures").
     */
    @Override
    Map<String, String> betweenOptions(int qp) {
        return X26x.X265.options("medium", betweenParams(qp));
    }

    /** x265's parameters for a between picture at {@code qp} (see {@link #betweenOptions}). */
    static String betweenParams(int qp) {
        int b = Math.max(0, qp - 3); // as intra and predicted pictures of the same quality: 3 QP finer than qp
        int p = Math.max(1, b - 18); // x265 treats qp=0 as lossless
        double pbratio = Math.pow(2, (b - p) / 6.0); // x265: B QP = (int) (P QP + 6 log2(pbratio) + 0.5)
        return "qp=" + p + ":pbratio=" + String.format(java.util.Locale.ROOT, "%.9f", pbratio)
                + ":keyint=250:min-keyint=250:scenecut=0:bframes=1:b-adapt=0:aq-mode=0:cutree=0:weightp=0:weightb=0"
                + ":vui-timing-info=0:vui-hrd-info=0" + LOOP_FILTERS + P_SEARCH;
    }

    @Override
    public byte[] encodeBetween(Frame past, Frame future, Frame frame, int quality) {
        return encodeBetweenPicture(past, future, frame, quality);
    }

    @Override
    public Frame decodeBetween(byte[] data, Frame past, Frame future, int quality, int width, int height)
            throws BitstreamException {
        return decodeBetweenPicture(data, past, future, quality, width, height);
    }

    @Override
    public byte[] encodePredicted(Frame reference, Frame frame, int quality) {
        return encodePredictedPicture(reference, frame, quality);
    }

    @Override
    public Frame decodePredicted(byte[] data, Frame reference, int quality, int width, int height)
            throws BitstreamException {
        return decodePredictedPicture(data, reference, quality, width, height);
    }
}
