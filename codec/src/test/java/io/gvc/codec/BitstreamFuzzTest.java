package io.gvc.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.bitstream.ContainerCodec;
import io.gvc.codec.bitstream.GvcPacket;
import io.gvc.codec.bitstream.PacketCodec;
import io.gvc.codec.frame.Video;
import io.gvc.codec.intra.DctIntraCodec;
import io.gvc.codec.prior.GaussianDctPrior;
import io.gvc.codec.prior.SpectrumFitter;
import io.gvc.codec.variant.Variant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Mutated files must decode or fail with a {@link BitstreamException}; nothing else (no runtime
 * exception, no OutOfMemoryError) may escape ContainerCodec.read, StreamDecoder.decode, StreamInfo.of or
 * PacketCodec.read.
 *
 * <p>Two kinds of mutation: raw ones (bit flips, byte overwrites, truncations, insertions, deletions,
 * random runs, duplicated ranges) of the whole file, which the CRC-32C of each section mostly catches;
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
            CodecParams p = new CodecParams(v, 9, 0, 2, 64, 2, null, 2, 4, 1, 3f, 3f, 5L + i, DctIntraCodec.ID, 50,
                    CodecParams.DEFAULT_BPP, 0.5, v == Variant.I2V, v == Variant.T2V ? "fuzz" : "", 1);
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

    // ---- mutations ----

    static byte[] mutateRaw(byte[] in, Random rnd, StringBuilder what) {
        byte[] b = in.clone();
        int kind = rnd.nextInt(7);
        switch (kind) {
            case 0 -> {
                int n = 1 + rnd.nextInt(4);
                what.append("flip bits");
                for (int i = 0; i < n; i++) {
                    int bit = rnd.nextInt(b.length * 8);
                    b[bit >>> 3] ^= (byte) (0x80 >>> (bit & 7));
                    what.append(' ').append(bit);
                }
            }
            case 1 -> {
                int n = 1 + rnd.nextInt(4);
                what.append("overwrite bytes");
                for (int i = 0; i < n; i++) {
                    int pos = rnd.nextInt(b.length);
                    b[pos] = (byte) rnd.nextInt(256);
                    what.append(' ').append(pos).append('=').append(b[pos] & 0xFF);
                }
            }
            case 2 -> {
                int len = rnd.nextInt(b.length);
                what.append("truncate to ").append(len);
                b = Arrays.copyOf(b, len);
            }
            case 3 -> {
                int pos = rnd.nextInt(b.length + 1), n = 1 + rnd.nextInt(16);
                byte[] ins = new byte[n];
                rnd.nextBytes(ins);
                what.append("insert ").append(n).append(" bytes at ").append(pos);
                byte[] out = new byte[b.length + n];
                System.arraycopy(b, 0, out, 0, pos);
                System.arraycopy(ins, 0, out, pos, n);
                System.arraycopy(b, pos, out, pos + n, b.length - pos);
                b = out;
            }
            case 4 -> {
                int pos = rnd.nextInt(b.length), n = 1 + rnd.nextInt(Math.min(64, b.length - pos));
                what.append("delete ").append(n).append(" bytes at ").append(pos);
                byte[] out = new byte[b.length - n];
                System.arraycopy(b, 0, out, 0, pos);
                System.arraycopy(b, pos + n, out, pos, b.length - pos - n);
                b = out;
            }
            case 5 -> {
                int pos = rnd.nextInt(b.length), n = 1 + rnd.nextInt(Math.min(32, b.length - pos));
                what.append("random run of ").append(n).append(" at ").append(pos);
                for (int i = 0; i < n; i++) {
                    b[pos + i] = (byte) rnd.nextInt(256);
                }
            }
            default -> {
                int from = rnd.nextInt(b.length), n = 1 + rnd.nextInt(Math.min(64, b.length - from));
                int to = rnd.nextInt(b.length - n + 1);
                what.append("copy ").append(n).append(" bytes from ").append(from).append(" to ").append(to);
                System.arraycopy(in, from, b, to, n);
            }
        }
        return b;
    }

    /** Sections of a file: {start of body, end of body (the CRC follows)} for the header and each packet. */
    static List<int[]> sections(byte[] f) {
        List<int[]> out = new ArrayList<>();
        int pos = 0;
        while (pos + 9 <= f.length) {
            long len = ((f[pos + 5] & 0xFFL) << 24) | ((f[pos + 6] & 0xFFL) << 16) | ((f[pos + 7] & 0xFFL) << 8)
                    | (f[pos + 8] & 0xFFL);
            if (len < 4 || pos + 9 + len > f.length) {
                break;
            }
            out.add(new int[] {pos + 9, (int) (pos + 9 + len - 4)});
            pos += 9 + (int) len;
        }
        return out;
    }

    /** Recomputes the CRC-32C of every section whose framing is intact. */
    static void fixCrcs(byte[] f) {
        for (int[] s : sections(f)) {
            CRC32C crc = new CRC32C();
            crc.update(f, s[0], s[1] - s[0]);
            long v = crc.getValue();
            f[s[1]] = (byte) (v >>> 24);
            f[s[1] + 1] = (byte) (v >>> 16);
            f[s[1] + 2] = (byte) (v >>> 8);
            f[s[1] + 3] = (byte) v;
        }
    }

    /** Mutates the body of the header or of one packet, then makes every checksum right again. */
    static byte[] mutateBehindCrc(byte[] in, Random rnd, StringBuilder what) {
        byte[] b = in.clone();
        List<int[]> secs = sections(b);
        int[] s = secs.get(rnd.nextInt(secs.size()));
        int len = s[1] - s[0];
        what.append("section [").append(s[0]).append(", ").append(s[1]).append("): ");
        int kind = rnd.nextInt(3);
        int n = 1 + rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
            int pos = s[0] + rnd.nextInt(len);
            switch (kind) {
                case 0 -> {
                    int bit = rnd.nextInt(8);
                    b[pos] ^= (byte) (0x80 >>> bit);
                    what.append("flip ").append(pos).append('.').append(bit).append(' ');
                }
                case 1 -> {
                    b[pos] = (byte) rnd.nextInt(256);
                    what.append("set ").append(pos).append('=').append(b[pos] & 0xFF).append(' ');
                }
                default -> {
                    // small integer nudges hit length and count fields in a meaningful way
                    int delta = rnd.nextBoolean() ? 1 : -1;
                    b[pos] = (byte) (b[pos] + delta);
                    what.append("nudge ").append(pos).append(delta > 0 ? "+1 " : "-1 ");
                }
            }
        }
        fixCrcs(b);
        return b;
    }

    private static void run(String name, long seedBase, boolean behindCrc) {
        Failures failures = new Failures();
        int decoded = 0;
        for (int it = 0; it < ITERATIONS; it++) {
            int stream = it % streams.length;
            Random rnd = new Random(seedBase + it);
            StringBuilder what = new StringBuilder(name + " #" + it + " (stream " + Variant.values()[stream] + "): ");
            byte[] m = behindCrc ? mutateBehindCrc(streams[stream], rnd, what) : mutateRaw(streams[stream], rnd, what);
            try {
                if (decodeAll(m)) {
                    decoded++;
                }
            } catch (Throwable t) {
                failures.add(what.toString(), t);
            }
        }
        failures.check(ITERATIONS);
        System.out.println(name + ": " + ITERATIONS + " mutations, " + decoded + " still decoded");
    }

    @Test
    void originalsDecode() throws Throwable {
        for (byte[] s : streams) {
            assertEquals(true, decodeAll(s));
        }
    }

    @Test
    void rawMutationsOfWholeFiles() {
        run("raw", 1_000_000L, false);
    }

    @Test
    void mutationsBehindValidChecksums() {
        run("crc-fixed", 2_000_000L, true);
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
            Random rnd = new Random(3_000_000L + it);
            byte[] p = packets.get(it % packets.size());
            StringBuilder what = new StringBuilder("packet " + (it % packets.size()) + " #" + it + ": ");
            byte[] m;
            if (rnd.nextBoolean()) {
                m = mutateRaw(p, rnd, what);
            } else {
                m = mutateBehindCrc(p, rnd, what); // a packet alone has the same framing as a file section
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
        Random rnd = new Random(4_000_000L);
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
