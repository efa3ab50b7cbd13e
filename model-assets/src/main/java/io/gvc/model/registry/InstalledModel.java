package io.gvc.model.registry;

import io.gvc.codec.bitstream.CodingConfig;
import io.gvc.codec.prior.FlowPrior;
import io.gvc.model.runtime.SessionConfig;
import java.io.IOException;

/**
 * A model the registry knows, described without opening it: its id and hash are what a stream names
 * (the hash as {@link FlowPrior#sha256} gives it once opened), {@code source} says where it came from,
 * {@code kind} which {@link ModelKind} read it, and {@code opener} opens it.
 *
 * @param id     the model id a stream carries (a manifest's name, {@code gvc-gauss-dct})
 * @param sha256 the full model hash (lower-case hex) a stream's header carries
 * @param source where it is, for messages: {@code shipped 'learned'} or a path
 */
public record InstalledModel(String id, String sha256, String source, String kind, Opener opener) {

    /** Opens the model's prior (an ONNX session for ONNX models). */
    @FunctionalInterface
    public interface Opener {
        FlowPrior open(SessionConfig session) throws IOException;
    }

    /** The identity two equal models share wherever they were found: id and hash. */
    public String key() {
        return id + "@" + sha256;
    }

    /** Whether a stream whose packets carry {@code config} was coded with this model (id and hash prefix). */
    public boolean codes(CodingConfig config) {
        return id.equals(config.modelId()) && config.sameModel(sha256);
    }

    /**
     * Opens the prior; what the model files hold is judged here (hashes, tensor shapes), and a refusal
     * is an IOException naming the model and where it is.
     */
    public FlowPrior open(SessionConfig session) throws IOException {
        FlowPrior p;
        try {
            p = opener.open(session);
        } catch (IOException | RuntimeException e) {
            throw new IOException("model " + id + " (" + source + "): " + e.getMessage(), e);
        }
        if (!p.id().equals(id) || !p.sha256().equals(sha256)) { // a kind's description and its prior must agree
            throw new IllegalStateException("model " + source + " was described as " + key() + " but opened as "
                    + p.id() + "@" + p.sha256());
        }
        return p;
    }

    /** "id (sha256 0123456789abcdef..., source)". */
    public String describe() {
        return id + " (sha256 " + sha256.substring(0, Math.min(16, sha256.length())) + "..., " + source + ")";
    }
}
