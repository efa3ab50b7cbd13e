package io.gvc.codec.prior;

import io.gvc.codec.bitstream.BitstreamException;

/**
 * A rectified-flow generator used unchanged by the codec (GVC-ALGORITHM.md section 1): it predicts
 * the velocity u ~ e - x0 of x_t = (1 - t) x0 + t e. The closed-form Gaussian prior and ONNX models
 * both implement this.
 *
 * <p>A prior may also define side information that the encoder measures on the true latent
 * (spectral gains for the Gaussian prior, nothing for a learned model) and that travels in the
 * packet, so the prior adapts to the content.
 */
public interface FlowPrior {

    /** Stable model id written into the bitstream, e.g. {@code gvc-gauss-dct}. */
    String id();

    /** SHA-256 (lower-case hex) of the parameters or model file; decoders refuse a mismatch. */
    String sha256();

    /** Encoder side: side information for this GOP from the true latent frames (may be empty). */
    byte[] analyse(GopCondition condition, float[][] trueLatent);

    /** Opens the velocity field for one GOP; {@code sideInfo} is what {@link #analyse} returned. */
    VelocityField open(GopCondition condition, byte[] sideInfo) throws BitstreamException;

    /**
     * The model's own latent space for pictures of {@code format} (a VAE, or the DCT latent seen as a
     * picture), or empty when the model works in the codec's DCT latent (the default).
     * {@code downscale} is the stream's DCT latent downscale, for spaces built on the DCT latent.
     */
    default java.util.Optional<io.gvc.codec.latent.LatentSpace> latentSpace(io.gvc.codec.frame.VideoFormat format,
                                                                             int downscale) {
        return java.util.Optional.empty();
    }
}
