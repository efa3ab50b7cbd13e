package io.gvc.model.registry;

import io.gvc.codec.bitstream.CodingConfig;
import io.gvc.codec.prior.FlowPrior;
import java.io.IOException;

/** The prior that decodes a stream, found from what its packets name ({@link OpenedModels#forStream}). */
@FunctionalInterface
public interface StreamPriors {

    /** @throws ModelNotInstalledException when the model the stream names is not known here */
    FlowPrior forStream(CodingConfig config) throws IOException;
}
