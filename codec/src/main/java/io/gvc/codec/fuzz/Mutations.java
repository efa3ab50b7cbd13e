package io.gvc.codec.fuzz;

import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.bitstream.FieldReader;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The mutations the bitstream fuzzers apply, shared by the codec's fuzz test and {@code gvc fuzz} so
 * both exercise exactly the same inputs. Raw ones change the whole file (bit flips, byte overwrites,
 * truncations, insertions, deletions, random runs, duplicated ranges) and mostly die at a section's
 * CRC-32C; checksum-fixed ones change the body of the header or of one packet and then recompute every
 * checksum, so the semantic checks behind the CRC are reached. Each appends what it did to
 * {@code what}, so a failure can be described and replayed from its seed.
 */
public final class Mutations {

    private Mutations() {
    }

    /** One raw mutation of the whole file. */
    public static byte[] raw(byte[] in, MutationRandom rnd, StringBuilder what) {
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
    public static List<int[]> sections(byte[] f) {
        List<int[]> out = new ArrayList<>();
        int pos = 0;
        while (pos + 2 <= f.length) {
            // the stream header and a live packet: magic (4), version (1); a packet inside a file:
            // its kind (1); then the length as the format's varint
            FieldReader r = new FieldReader(f, pos + (pos == 0 ? 5 : 1), f.length);
            long len;
            try {
                len = r.uv("length");
            } catch (BitstreamException e) {
                break;
            }
            int at = r.position();
            if (len < 4 || len > f.length - at) {
                break;
            }
            out.add(new int[] {at, (int) (at + len - 4)});
            pos = at + (int) len;
        }
        return out;
    }

    /** Recomputes the CRC-32C of every section whose framing is intact. */
    public static void fixCrcs(byte[] f) {
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

    /**
     * Mutates the body of the header or of one packet, then makes every checksum right again. A
     * single packet (as on Kafka) has the same framing as a file's section, so this works on it too.
     */
    public static byte[] behindCrc(byte[] in, MutationRandom rnd, StringBuilder what) {
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
}
