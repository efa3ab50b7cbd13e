package io.gvc.codec;

import io.gvc.codec.atoms.AtomSelector;
import io.gvc.codec.bitstream.CodingConfig;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Gop;
import io.gvc.codec.frame.VideoFormat;
import io.gvc.codec.intra.IntraCodec;
import io.gvc.codec.intra.IntraCodecs;
import io.gvc.codec.prior.FlowPrior;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * GOP to packet, both halves in one: the keyframe chain ({@link KeyframeChainCoder}: boundary
 * pictures, keyframe plan, anchor mode) then the atom search ({@link GopAtomCoder}: side
 * information, atoms, the reconstruction). The file encoder runs them back to back; the live
 * pipeline runs the chain in stream order and the atom search on many slots, with the same bytes.
 */
public final class GopEncoder implements AutoCloseable {

    private final IntraCodec intra;
    private final ExecutorService pool;
    private final CodingSetup setup;
    private final KeyframeChainCoder chain;
    private final GopAtomCoder atoms;

    public GopEncoder(CodecParams params, VideoFormat format, FlowPrior prior) {
        this(params, format, prior, AtomSelector.Factory.JAVA);
    }

    /** An encoder whose atoms {@code selectors} choose (a GPU search, say; see {@link AtomSelector}). */
    public GopEncoder(CodecParams params, VideoFormat format, FlowPrior prior, AtomSelector.Factory selectors) {
        this.intra = IntraCodecs.byId(params.intraCodec());
        this.pool = params.threads() > 1 ? Executors.newFixedThreadPool(params.threads(), daemonThreads()) : null;
        try {
            this.setup = CodingSetup.forEncoder(params, format, prior, pool);
        } catch (RuntimeException e) {
            close(); // a format the engine refuses leaves no idle pool behind
            throw e;
        }
        this.chain = new KeyframeChainCoder(params, setup);
        this.atoms = new GopAtomCoder(params, prior, setup, selectors);
    }

    /** Daemon worker threads named gvc-worker, for the engine's pools and those that run its work. */
    public static java.util.concurrent.ThreadFactory daemonThreads() {
        return r -> {
            Thread t = new Thread(r, "gvc-worker");
            t.setDaemon(true);
            return t;
        };
    }

    public CodingConfig config() {
        return setup.config;
    }

    public IntraCodec intraCodec() {
        return intra;
    }

    /**
     * Encodes one GOP. {@code sharedFirst} is the previous GOP's reconstructed last frame for GOP k
     * &gt; 0 of FLF2V and I2V (null otherwise), {@code previousQuality} the previous GOP's {@link
     * EncodedGop#chainQuality()} (or {@link io.gvc.codec.rate.QualityFloor#NONE}).
     */
    public EncodedGop encode(Gop gop, Frame sharedFirst, int previousQuality) {
        return atoms.encode(gop, chain.code(gop, sharedFirst, previousQuality));
    }

    /** Encodes a GOP that starts a chain (nothing before it): GOP 0 of a stream, or a restart. */
    public EncodedGop encodeFirst(Gop gop) {
        return encode(gop, null, io.gvc.codec.rate.QualityFloor.NONE);
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
