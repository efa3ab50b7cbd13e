package io.gvc.model.prior;

import io.gvc.codec.prior.PriorSpectrum;
import io.gvc.model.manifest.ModelManifest;
import io.gvc.model.manifest.ModelManifest.ConditioningKind;
import io.gvc.model.manifest.ModelManifest.FileRole;
import io.gvc.model.manifest.ModelManifest.LatentKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The hash a stream carries for an ONNX model, computed from its manifest alone (no file read, no
 * session opened), so that a registry can name and match models without loading them. The velocity
 * file's SHA-256 when the outputs depend on it alone; else the SHA-256 of
 * "velocity-hash[:vae-encoder-hash:vae-decoder-hash][:spectrum-hash]": a VAE shapes the pictures,
 * and a graph that consumes Gaussian terms depends on the spectrum, so a stream coded with another
 * VAE or spectrum must be refused.
 */
public final class ModelHash {

    private ModelHash() {
    }

    /** @param spectrumSha256 the Gaussian spectrum's hash, used only for conditioning gaussian-terms (may be null otherwise) */
    public static String of(ModelManifest manifest, String spectrumSha256) {
        List<String> parts = new ArrayList<>();
        parts.add(manifest.velocity().sha256());
        if (manifest.latent().kind() == LatentKind.VAE) {
            for (FileRole r : new FileRole[] {FileRole.VAE_ENCODER, FileRole.VAE_DECODER}) {
                manifest.file(r).ifPresent(f -> parts.add(f.sha256()));
            }
        }
        if (spectrumSha256 != null && manifest.conditioning().kind() == ConditioningKind.GAUSSIAN_TERMS) {
            parts.add(spectrumSha256);
        }
        return parts.size() == 1 ? parts.get(0) : PriorSpectrum.sha256Hex(
                String.join(":", parts).getBytes(StandardCharsets.US_ASCII));
    }
}
