package io.gvc.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.fuzz.MutationRandom;
import io.gvc.codec.bitstream.ContainerCodec;
import io.gvc.codec.bitstream.GvcPacket;
import io.gvc.codec.bitstream.PacketCodec;
import io.gvc.codec.frame.Video;
import io.gvc.codec.fuzz.BitstreamFuzzer;
import io.gvc.codec.fuzz.FuzzTally;
import io.gvc.codec.fuzz.MutationKind;
import io.gvc.codec.fuzz.Mutations;
import io.gvc.codec.intra.DctIntraCodec;
import io.gvc.codec.prior.GaussianDctPrior;
import io.gvc.codec.prior.SpectrumFitter;
import io.gvc.codec.variant.Variant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Mutated files must decode or fail with a {@link BitstreamException}; nothing else (no runtime
 * exception, no OutOfMemoryError) may escape ContainerCodec.read, StreamDecoder.decode, StreamInfo.of or
 * PacketCodec.read.
 *
 * <p>Two kinds of mutation: raw ones (bit flips, byte overwrites, truncations, insertions, deletions,
 * random runs, duplicated ranges; see {@link Mutations}, shared with {@code gvc fuzz}) of the whole file, which the CRC-32C of each section mostly catches;
 * and "checksum-fixed" ones, where the checksums are recomputed after the header or a packet body was
 * mutated, so the semantic checks behind the CRC are exercised too. Seeds are fixed; the number of
 * iterations is {@code -Dgvc.fuzz.iterations} (default 3000 of each kind, spread over three streams).
 * Failures are grouped by exception and place, one reproducible example each.
 */
class BitstreamFuzzTest {

    static final int ITERATIONS = Integer.getInteger("gvc.fuzz.iterations", 3000);
    static GaussianDctPrior prior;
    static byte[][] streams;

    @BeforeAll
    static void setUp() {
        Video video = SyntheticVideo.clip(32, 24, 11);
        SpectrumFitter fitter = new SpectrumFitter(9, 1);
        fitter.add("synthetic 32x24", video);
        prior = new GaussianDctPrior(fitter.fit());
        Variant[] variants = Variant.values();
        streams = new byte[variants.length][];
        for (int i = 0; i < variants.length; i++) {
            Variant v = variants[i];
            CodecParams p = CodecParams.builder().variant(v).gopFrames(9).codebookSize(64).m(2).steps(4).tailSteps(1)
                    .seed(5L + i).intraCodec(DctIntraCodec.ID).keyframeQuality(50).boundaryShare(0.5)
                    .tailResidual(v == Variant.I2V).prompt(v == Variant.T2V ? "fuzz" : "").threads(1).build();
            streams[i] = StreamEncoder.encode(video, p, prior, Progress.NONE).file();
        }
    }

    /** Groups unexpected throwables by type and first engine frame. */
    static final class Failures {
        final Map<String, String> first = new LinkedHashMap<>();
        final Map<String, Integer> count = new LinkedHashMap<>();

        void add(String mutation, Throwable t) {
            String where = "?";
            for (StackTraceElement e : t.getStackTrace()) {
                if (e.getClassName().startsWith("io.gvc.codec") && !e.getClassName().contains("FuzzTest")) {
                    where = e.getClassName() + "." + e.getMethodName() + ":" + e.getLineNumber();
                    break;
                }
            }
            String key = t.getClass().getName() + " at " + where;
            first.putIfAbsent(key, mutation + " -> " + t);
            count.merge(key, 1, Integer::sum);
        }

        void check(int runs) {
            if (!first.isEmpty()) {
                StringBuilder sb = new StringBuilder(first.size() + " kinds of unexpected exception in " + runs
                        + " mutated inputs:\n");
                first.forEach((k, v) -> sb.append("  ").append(count.get(k)).append("x ").append(k)
                        .append("\n      e.g. ").append(v).append('\n'));
                fail(sb.toString());
            }
        }
    }

    /** Parses and decodes; true when it decoded, false on a BitstreamException; throws anything else. */
    static boolean decodeAll(byte[] file) throws Throwable {
        try {
            ContainerCodec.read(file);
            StreamInfo.of(file);
            Video v = StreamDecoder.decode(file, prior, 1, Progress.NONE);
            if (v.frameCount() != ContainerCodec.read(file).header().totalFrames()) {
                throw new AssertionError("decoded " + v.frameCount() + " frames, header says "
                        + ContainerCodec.read(file).header().totalFrames());
            }
            return true;
        } catch (BitstreamException expected) {
            return false;
        }
    }

    private static void run(long seedBase, MutationKind kind) {
        FuzzTally t = BitstreamFuzzer.run("java", Arrays.asList(streams), kind, ITERATIONS, seedBase,
                BitstreamFuzzer.wholeFile(prior), Long.MAX_VALUE / 1_000_000, done -> { });
        assertEquals(ITERATIONS, t.mutations());
        if (!t.otherCount().isEmpty()) {
            StringBuilder sb = new StringBuilder(t.otherCount().size() + " kinds of unexpected exception in "
                    + ITERATIONS + " mutated inputs:\n");
            t.otherCount().forEach((k, n) -> sb.append("  ").append(n).append("x ").append(k)
                    .append("\n      e.g. ").append(t.otherExample().get(k)).append('\n'));
            fail(sb.toString());
        }
        assertEquals(ITERATIONS, t.decoded() + t.refused());
        System.out.println(kind.label() + ": " + ITERATIONS + " mutations, " + t.decoded() + " still decoded");
    }

    @Test
    void originalsDecode() throws Throwable {
        for (byte[] s : streams) {
            assertEquals(true, decodeAll(s));
        }
    }

    @Test
    void rawMutationsOfWholeFiles() {
        run(1_000_000L, MutationKind.RAW);
    }

    @Test
    void mutationsBehindValidChecksums() {
        run(2_000_000L, MutationKind.CRC_FIXED);
    }

    @Test
    void mutatedSinglePackets() {
        Failures failures = new Failures();
        List<byte[]> packets = new ArrayList<>();
        for (byte[] s : streams) {
            // a file's packets leave out the header's config; alone (as on Kafka) each carries its own
            try {
                for (GvcPacket gp : ContainerCodec.read(s).packets()) {
                    packets.add(PacketCodec.write(gp));
                }
            } catch (BitstreamException e) {
                fail("an untouched stream must parse: " + e.getMessage());
            }
        }
        for (byte[] p : packets) {
            try {
                PacketCodec.read(p);
            } catch (BitstreamException e) {
                fail("an untouched packet must parse: " + e.getMessage());
            }
        }
        for (int it = 0; it < ITERATIONS; it++) {
            MutationRandom rnd = new MutationRandom(3_000_000L + it);
            byte[] p = packets.get(it % packets.size());
            StringBuilder what = new StringBuilder("packet " + (it % packets.size()) + " #" + it + ": ");
            byte[] m;
            if (rnd.nextBoolean()) {
                m = Mutations.raw(p, rnd, what);
            } else {
                m = Mutations.behindCrc(p, rnd, what); // a packet alone has the same framing as a file section
            }
            try {
                PacketCodec.read(m);
            } catch (BitstreamException expected) {
                // fine
            } catch (Throwable t) {
                failures.add(what.toString(), t);
            }
        }
        failures.check(ITERATIONS);
    }

    @Test
    void everyTruncationIsABitstreamError() throws BitstreamException {
        Failures failures = new Failures();
        for (byte[] s : streams) {
            for (int len = 0; len < s.length; len++) {
                byte[] t = Arrays.copyOf(s, len);
                try {
                    ContainerCodec.read(t);
                    StreamDecoder.decode(t, prior, 1, Progress.NONE);
                    failures.add("truncated to " + len + " of " + s.length, new AssertionError("decoded"));
                } catch (BitstreamException expected) {
                    // fine
                } catch (Throwable e) {
                    failures.add("truncated to " + len + " of " + s.length, e);
                }
            }
        }
        failures.check(streams.length);
        BitstreamException empty = assertThrows(BitstreamException.class,
                () -> StreamDecoder.decode(new byte[0], prior, 1, Progress.NONE));
        assertEquals("stream.magic", empty.field());
        assertThrows(BitstreamException.class, () -> ContainerCodec.read(new byte[0]));
        assertThrows(BitstreamException.class, () -> PacketCodec.read(new byte[0]));
        assertThrows(BitstreamException.class, () -> StreamInfo.of(new byte[0]));
    }

    @Test
    void randomFilesAreBitstreamErrors() {
        Failures failures = new Failures();
        MutationRandom rnd = new MutationRandom(4_000_000L);
        for (int it = 0; it < 1000; it++) {
            byte[] f = new byte[rnd.nextInt(4096)];
            rnd.nextBytes(f);
            String what = "random file #" + it + " of " + f.length + " bytes";
            if (it % 2 == 1 && f.length >= 9) {
                // past the magic and version, so the length and checksum checks are reached
                System.arraycopy(ContainerCodec.MAGIC, 0, f, 0, 4);
                f[4] = (byte) ContainerCodec.VERSION;
                what += " with a valid magic";
            }
            try {
                ContainerCodec.read(f);
                StreamDecoder.decode(f, prior, 1, Progress.NONE);
                failures.add(what, new AssertionError("random bytes decoded"));
            } catch (BitstreamException expected) {
                // fine
            } catch (Throwable t) {
                failures.add(what, t);
            }
            try {
                PacketCodec.read(f);
                failures.add(what + " as a packet", new AssertionError("random bytes parsed as a packet"));
            } catch (BitstreamException expected) {
                // fine
            } catch (Throwable t) {
                failures.add(what + " as a packet", t);
            }
        }
        failures.check(1000);
    }
}
