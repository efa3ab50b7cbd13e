package io.gvc.codec.intra;

/**
 * Registers an intra codec with {@link IntraCodecs} through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.gvc.codec.intra.IntraCodecProvider}) without building it. A provider
 * must be cheap to construct and must not touch its codec's classes until {@link #create()}: the
 * lookup builds every provider, and a stream that asks for the pure-Java gvc-dct must not load
 * FFmpeg's natives just because x265 is on the class path.
 */
public interface IntraCodecProvider {

    /** The id {@link IntraCodec#id()} of the codec this provider builds, e.g. {@code x265}. */
    String id();

    /** Builds the codec; this is where native libraries may load, and where a missing one fails. */
    IntraCodec create();
}
