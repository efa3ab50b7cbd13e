package io.gvc.jobs.cli;

import io.gvc.codec.prior.FlowPrior;
import io.gvc.codec.variant.Variant;
import io.gvc.model.Priors;
import io.gvc.model.prior.OnnxFlowPrior;
import java.io.IOException;
import java.nio.file.Path;

/** The CLI's view of {@link Priors}: failures become bad-input errors, the ONNX provider is logged. */
final class PriorLoader {

    private PriorLoader() {
    }

    /** The ONNX Runtime execution provider, or "java" for a pure-Java prior. */
    static String provider(FlowPrior p) {
        return p instanceof OnnxFlowPrior onnx ? onnx.provider() : "java";
    }

    /**
     * @param model  null for the variant's shipped default; "java" for the pure-Java prior; a
     *               model folder or manifest (.json) for an ONNX model; else a gvc-gauss-dct prior file
     * @param device cpu, cuda or cuda:N (ONNX models only; falls back to CPU when CUDA is absent)
     */
    static FlowPrior load(Path model, Variant variant, String device) throws BadInputException {
        return logged(() -> Priors.load(model, variant, device, 1));
    }

    /** The prior for decoding a stream that names {@code streamModelId}: see {@link Priors#forStream}. */
    static FlowPrior forStream(Path model, String streamModelId, Variant variant, String device)
            throws BadInputException {
        return logged(() -> Priors.forStream(model, streamModelId, variant, device, 1));
    }

    private interface Opener {
        FlowPrior open() throws IOException;
    }

    private static FlowPrior logged(Opener o) throws BadInputException {
        try {
            FlowPrior p = o.open();
            System.err.println("model " + p.id() + " on " + provider(p));
            return p;
        } catch (IOException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }
}
