package io.gvc.model.prior;

import io.gvc.codec.frame.VideoFormat;
import io.gvc.codec.latent.DctPictureLatentSpace;
import io.gvc.codec.latent.LatentSpace;
import io.gvc.model.cache.BoundedCache;
import io.gvc.model.manifest.LoadedModel;
import io.gvc.model.manifest.ModelManifest.FileRole;
import java.util.Optional;

/**
 * A model's latent spaces, one per picture size and downscale, made on first use: its VAE for
 * {@code latent.kind: vae}, the DCT latent as a picture for {@code picture}, none (the codec's DCT
 * latent) for {@code dct}. At most {@link #CAPACITY} sizes are kept (a stream of ever-changing sizes
 * must not grow memory without limit); a VAE space dropped from the cache frees its tensors, and if
 * a coder still holds it, it allocates them again on its next picture.
 */
final class LatentSpaces implements AutoCloseable {

    /** Picture sizes kept: more than a task manager's concurrent streams usually use. */
    static final int CAPACITY = 8;

    private final LoadedModel model;
    private final BoundedCache<String, LatentSpace> spaces;

    LatentSpaces(LoadedModel model) {
        this(model, CAPACITY);
    }

    LatentSpaces(LoadedModel model, int capacity) {
        this.model = model;
        this.spaces = new BoundedCache<>(capacity, LatentSpaces::release);
    }

    Optional<LatentSpace> forFormat(VideoFormat format, int downscale) {
        String key = format.width() + "x" + format.height() + "/" + downscale;
        return switch (model.manifest().latent().kind()) {
            case DCT -> Optional.empty();
            case PICTURE -> Optional.of(spaces.get(key,
                    k -> new DctPictureLatentSpace(format.width(), format.height(), downscale)));
            case VAE -> Optional.of(spaces.get(key, k -> new VaeLatentSpace(model.manifest(),
                    model.session(FileRole.VAE_ENCODER), model.session(FileRole.VAE_DECODER), format)));
        };
    }

    /** How many sizes are cached now. */
    int cached() {
        return spaces.size();
    }

    private static void release(LatentSpace sp) {
        if (sp instanceof VaeLatentSpace vae) {
            vae.close();
        }
    }

    /** Frees the VAE spaces' tensors. */
    @Override
    public void close() {
        spaces.close();
    }
}
