package io.gvc.codec.fuzz;

import io.gvc.codec.Progress;
import io.gvc.codec.StreamDecoder;
import io.gvc.codec.StreamInfo;
import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.bitstream.ContainerCodec;
import io.gvc.codec.frame.Video;
import io.gvc.codec.prior.FlowPrior;
import java.util.List;

/**
 * Runs mutations of encoded streams through a decoder and tallies the outcomes. Mutation {@code i} of
 * a run uses {@code new MutationRandom(seedBase + i)} (Philox) on stream {@code i % streams.size()}, so any one of them
 * can be replayed alone from the seed its example names.
 */
public final class BitstreamFuzzer {

    /** Decodes one file completely; returns normally when it decoded, throws when it did not. */
    @FunctionalInterface
    public interface Decoder {
        void decode(byte[] file) throws BitstreamException;
    }

    /** Called after each mutation with the number done so far in this run. */
    @FunctionalInterface
    public interface ProgressListener {
        void done(int mutations);
    }

    private BitstreamFuzzer() {
    }

    /**
     * Everything a decoder of files does: parse the container, describe it ({@link StreamInfo}),
     * decode every frame with {@code prior}, and check the frame count against the header.
     */
    public static Decoder wholeFile(FlowPrior prior) {
        return file -> {
            ContainerCodec.Container c = ContainerCodec.read(file);
            StreamInfo.of(file);
            Video v = StreamDecoder.decode(c, prior, 1, Progress.NONE);
            if (v.frameCount() != c.header().totalFrames()) {
                throw new IllegalStateException("decoded " + v.frameCount() + " frames, header says "
                        + c.header().totalFrames());
            }
        };
    }

    /**
     * @param boundMillis a decode (or refusal) that takes longer is reported as something else
     */
    public static FuzzTally run(String prior, List<byte[]> streams, MutationKind kind, int mutations, long seedBase,
                                Decoder decoder, long boundMillis, ProgressListener progress) {
        FuzzTally tally = new FuzzTally(prior, kind);
        long boundNanos = boundMillis * 1_000_000L;
        for (int it = 0; it < mutations; it++) {
            int stream = it % streams.size();
            long seed = seedBase + it;
            StringBuilder what = new StringBuilder(prior + " " + kind.label() + " seed " + seed + " (iteration " + it
                    + ", stream " + stream + "): ");
            byte[] m = kind.apply(streams.get(stream), new MutationRandom(seed), what);
            String example = what.toString().strip();
            long start = System.nanoTime();
            try {
                decoder.decode(m);
                tally.decoded(System.nanoTime() - start, example);
            } catch (BitstreamException e) {
                tally.refused(e, System.nanoTime() - start, example);
            } catch (Throwable t) { // the point: anything else is a finding, OutOfMemoryError included
                tally.other(t, System.nanoTime() - start, example);
            }
            long took = System.nanoTime() - start;
            if (took > boundNanos) {
                tally.slow(took, example);
            }
            progress.done(it + 1);
        }
        return tally;
    }
}
