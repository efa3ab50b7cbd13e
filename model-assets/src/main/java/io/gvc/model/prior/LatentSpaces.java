package io.gvc.model.prior;

import io.gvc.codec.frame.VideoFormat;
import io.gvc.codec.latent.DctPictureLatentSpace;
import io.gvc.codec.latent.LatentSpace;
import io.gvc.model.manifest.LoadedModel;
import io.gvc.model.manifest.ModelManifest.FileRole;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A model's latent spaces, one per picture size and downscale, made once: its VAE for
 * {@code latent.kind: vae}, the DCT latent as a picture for {@code picture}, none (the codec's DCT
 * latent) for {@code dct}.
 */
final class LatentSpaces implements AutoCloseable {

    private final LoadedModel model;
    private final Map<String, LatentSpace> spaces = new ConcurrentHashMap<>();

    LatentSpaces(LoadedModel model) {
        this.model = model;
    }

    Optional<LatentSpace> forFormat(VideoFormat format, int downscale) {
        String key = format.width() + "x" + format.height() + "/" + downscale;
        return switch (model.manifest().latent().kind()) {
            case DCT -> Optional.empty();
            case PICTURE -> Optional.of(spaces.computeIfAbsent(key,
                    k -> new DctPictureLatentSpace(format.width(), format.height(), downscale)));
            case VAE -> Optional.of(spaces.computeIfAbsent(key, k -> new VaeLatentSpace(model.manifest(),
                    model.session(FileRole.VAE_ENCODER), model.session(FileRole.VAE_DECODER), format)));
        };
    }

    /** Closes the VAE sessions' tensors. */
    @Override
    public void close() {
        spaces.values().forEach(sp -> {
            if (sp instanceof VaeLatentSpace vae) {
                vae.close();
            }
        });
    }
}
