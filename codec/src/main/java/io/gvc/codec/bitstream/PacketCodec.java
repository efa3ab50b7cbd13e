package io.gvc.codec.bitstream;

import io.gvc.codec.frame.VideoFormat;
import io.gvc.codec.variant.Variant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/** {@link GvcPacket} to bytes and back, exactly as docs/bitstream.md lays them out. */
public final class PacketCodec {

    public static final byte[] MAGIC = {'G', 'V', 'C', 'P'};
    /**
     * Magic of a packet inside a .gvc file whose coding config is the stream header's: the ~70
     * bytes of config are left out (a live packet, alone on Kafka, always carries its own).
     */
    public static final byte[] MAGIC_IMPLIED_CONFIG = {'G', 'V', 'C', 'Q'};
    public static final int VERSION = 7;

    /** The high bit of a boundary's quality byte: the picture is predicted (version 4). */
    static final int PREDICTED_BIT = 0x80;

    private PacketCodec() {
    }

    /** A self-contained packet (magic GVCP), as a live stream carries it. */
    public static byte[] write(GvcPacket p) {
        return write(p, false);
    }

    /**
     * The packet as a file holds it: without its config (magic GVCQ) when the config is
     * {@code streamConfig}, else self-contained.
     */
    public static byte[] writeInStream(GvcPacket p, CodingConfig streamConfig) {
        return write(p, p.config().equals(streamConfig));
    }

    private static byte[] write(GvcPacket p, boolean impliedConfig) {
        CodingConfig c = p.config();
        // M is read before anything that could overflow a field: a clear refusal
        int maxM = Limits.maxAtoms(c.codebookSize());
        if (p.m() > maxM || p.mTail() > maxM) {
            throw new IllegalArgumentException("M " + p.m() + " / M_tail " + p.mTail() + " above the limit " + maxM);
        }
        byte[] packet = layOut(p, impliedConfig);
        // the writer refuses what the reader would, by the reader's own checks: one set of limits
        try {
            read(packet, 0, packet.length, impliedConfig ? c : null);
        } catch (BitstreamException e) {
            throw new IllegalArgumentException("a packet no decoder would read: " + e.getMessage(), e);
        }
        return packet;
    }

    /** The packet's bytes, unchecked: {@link #write} checks them with the reader (tests build bad packets with it). */
    static byte[] layOut(GvcPacket p, boolean impliedConfig) {
        CodingConfig c = p.config();
        FieldWriter body = new FieldWriter();
        // counts, lengths and numbers as varints (version 4): a packet of a few hundred bytes
        // spent about 40 of them on fixed-width zeros
        body.uv(p.gopSeq()).uv(p.firstFrame()).uv(p.frameCount());
        if (!impliedConfig) {
            writeConfig(body, c);
        }
        body.uv(p.m()).uv(p.mTail()).u8(p.tailLatentFrames()).u8(p.anchorMode());
        body.u8(p.deviationScale()[0]).u8(p.deviationScale()[1]);
        body.u8(p.boundaries().size());
        String previousCodec = null;
        for (BoundaryPicture b : p.boundaries()) {
            if (b.quality() < Limits.MIN_QUALITY || b.quality() > Limits.MAX_QUALITY) {
                throw new IllegalArgumentException("boundary at " + b.position() + " has quality " + b.quality()
                        + ", outside 1..100");
            }
            if (b.codecId().isEmpty()) {
                throw new IllegalArgumentException("boundary at " + b.position() + " names no codec");
            }
            // a codec id the boundary before it in this packet already named is written empty
            String codec = b.codecId().equals(previousCodec) ? "" : b.codecId();
            previousCodec = b.codecId();
            body.uv(b.position()).string(codec, false).u8(b.quality() | (b.predicted() ? PREDICTED_BIT : 0))
                    .uv(b.data().length).bytes(b.data());
        }
        byte[] offsets = BridgeOffsetField.write(p.bridgeOffsets(), p.keyframePositions());
        body.uv(offsets.length).bytes(offsets);
        body.vstring(p.prompt());
        body.uv(p.priorSide().length).bytes(p.priorSide());
        body.uv(p.tailResidual().length).bytes(p.tailResidual());
        body.uv(p.atomBits()).bytes(p.atoms());
        for (long s : p.sse()) {
            body.uv(s);
        }
        byte[] b = body.toByteArray();
        FieldWriter out = new FieldWriter();
        out.bytes(impliedConfig ? MAGIC_IMPLIED_CONFIG : MAGIC).u8(VERSION).uv(b.length + 4L).bytes(b);
        CRC32C crc = new CRC32C();
        crc.update(b, 0, b.length);
        out.u32(crc.getValue());
        return out.toByteArray();
    }

    static void writeConfig(FieldWriter w, CodingConfig c) {
        VideoFormat f = c.format();
        w.u8(c.variant().code()).uv(f.width()).uv(f.height()).uv(f.fpsNum()).uv(f.fpsDen());
        w.uv(c.gopFrames()).u8(c.latentDownscale()).u8(c.temporalStride());
        w.uv(c.codebookSize()).uv(c.steps()).uv(c.tailSteps()).f32(c.shift()).f32(c.gScale()).u64(c.seed());
        w.string(c.modelId(), false).bytes(c.modelHashPrefix());
    }

    static CodingConfig readConfig(FieldReader r, String ctx) throws BitstreamException {
        int vc = r.u8(ctx + ".variant");
        Variant variant;
        try {
            variant = Variant.fromCode(vc);
        } catch (IllegalArgumentException e) {
            throw new BitstreamException(ctx + ".variant", "unknown variant code " + vc);
        }
        int w = r.uvInt(ctx + ".width", 1, Limits.MAX_SIDE);
        int h = r.uvInt(ctx + ".height", 1, Limits.MAX_SIDE);
        int fn = r.uvInt(ctx + ".fps_num", 1, Integer.MAX_VALUE);
        int fd = r.uvInt(ctx + ".fps_den", 1, Integer.MAX_VALUE);
        // GOPs that share a boundary advance by F - 1 frames, so they need F >= 2
        int gop = r.uvInt(ctx + ".gop_frames", variant.minGopFrames(), Limits.MAX_GOP_FRAMES);
        int ds = r.u8In(ctx + ".latent_downscale", 1, Limits.MAX_DOWNSCALE);
        long dim = io.gvc.codec.latent.DctLatentSpace.geometry(w, h, ds).dim(); // as Limits.latentDim
        if (dim > Limits.MAX_LATENT_DIM) {
            throw new BitstreamException(ctx + ".latent_downscale", ds + " at " + w + "x" + h + " gives " + dim
                    + " latent values per frame, above " + Limits.MAX_LATENT_DIM);
        }
        int stride = r.u8In(ctx + ".temporal_stride", 1, Limits.MAX_STRIDE);
        int k = r.uvInt(ctx + ".codebook_size", 1, Limits.MAX_CODEBOOK);
        int steps = r.uvInt(ctx + ".steps", 1, Limits.MAX_STEPS);
        int tail = r.uvInt(ctx + ".tail_steps", 0, steps);
        float shift = r.f32(ctx + ".shift");
        if (!(shift > 0)) {
            throw new BitstreamException(ctx + ".shift", "must be positive, is " + shift);
        }
        float g = r.f32(ctx + ".g_scale");
        if (!(g >= 0)) {
            throw new BitstreamException(ctx + ".g_scale", "must be >= 0, is " + g);
        }
        long seed = r.u64(ctx + ".seed");
        String model = r.string(ctx + ".model_id", false, 255);
        byte[] hash = r.bytes(CodingConfig.HASH_PREFIX_BYTES, ctx + ".model_hash");
        return new CodingConfig(variant, new VideoFormat(w, h, fn, fd), gop, ds, stride, k, steps, tail, shift, g,
                seed, model, hash);
    }

    /** Refuses a packet whose atoms would cost more to decode than its pictures allow ({@link Limits#maxAtomWork}). */
    private static void checkAtomWork(CodingConfig c, int frames, int m, int mTail, int tailFrames)
            throws BitstreamException {
        String refusal = Limits.atomWorkRefusal(c, frames, m, mTail, tailFrames);
        if (refusal != null) {
            throw new BitstreamException("packet.m", refusal);
        }
    }

    /** Total length in bytes of the packet starting at {@code off}, read from its prefix. */
    public static int framedLength(byte[] buf, int off, int end) throws BitstreamException {
        return framing(buf, off, end).end() - off;
    }

    /** Where a packet's body starts and how many bytes follow its prefix (body and CRC). */
    private record Framing(int bodyStart, int length) {
        int end() {
            return bodyStart + length;
        }
    }

    /** The packet's prefix read and checked; the varint length makes it 6 to 9 bytes long. */
    private static Framing framing(byte[] buf, int off, int end) throws BitstreamException {
        FieldReader r = new FieldReader(buf, off, end);
        byte[] magic = r.bytes(4, "packet.magic");
        if (!java.util.Arrays.equals(magic, MAGIC) && !java.util.Arrays.equals(magic, MAGIC_IMPLIED_CONFIG)) {
            throw new BitstreamException("packet.magic", "is not 'GVCP' (or 'GVCQ' in a file)");
        }
        int v = r.u8("packet.version");
        if (v != VERSION) {
            throw new BitstreamException("packet.version", "is " + v + ", this decoder reads version " + VERSION);
        }
        int len = r.uvInt("packet.length", 4, Limits.MAX_PACKET_BYTES);
        if (len > r.remaining()) {
            throw new BitstreamException("packet.length", "claims " + len + " bytes, only " + r.remaining() + " left");
        }
        return new Framing(r.position(), len);
    }

    public static GvcPacket read(byte[] buf) throws BitstreamException {
        return read(buf, 0, buf.length);
    }

    /** Reads one self-contained packet occupying exactly buf[off, end). */
    public static GvcPacket read(byte[] buf, int off, int end) throws BitstreamException {
        return read(buf, off, end, null);
    }

    /**
     * Reads one packet occupying exactly buf[off, end); a packet without its own config (in a file)
     * takes {@code streamConfig}, which may be null only where such packets are refused.
     */
    public static GvcPacket read(byte[] buf, int off, int end, CodingConfig streamConfig) throws BitstreamException {
        boolean implied = java.util.Arrays.equals(java.util.Arrays.copyOfRange(buf, off, Math.min(end, off + 4)),
                MAGIC_IMPLIED_CONFIG);
        if (implied && streamConfig == null) {
            throw new BitstreamException("packet.magic", "is 'GVCQ', a packet that takes its config from a "
                    + "file's stream header, but it came alone");
        }
        Framing framing = framing(buf, off, end);
        int total = framing.end() - off;
        if (total != end - off) {
            throw new BitstreamException("packet.length", "packet is " + total + " bytes but " + (end - off)
                    + " were given");
        }
        int bodyStart = framing.bodyStart(), bodyEnd = end - 4;
        CRC32C crc = new CRC32C();
        crc.update(buf, bodyStart, bodyEnd - bodyStart);
        long stored = new FieldReader(buf, bodyEnd, end).u32("packet.crc32c");
        if (stored != crc.getValue()) {
            throw new BitstreamException("packet.crc32c", String.format("mismatch (stored %08x, computed %08x)",
                    stored, crc.getValue()));
        }
        FieldReader r = new FieldReader(buf, bodyStart, bodyEnd);
        long seq = r.uvIn("packet.gop_seq", 0, Long.MAX_VALUE);
        long first = r.uvIn("packet.first_frame", 0, Limits.MAX_TOTAL_FRAMES);
        int frames = r.uvInt("packet.frame_count", 1, Limits.MAX_GOP_FRAMES);
        CodingConfig config = implied ? streamConfig : readConfig(r, "packet.config");
        int m = r.uvInt("packet.m", 0, Math.min(Limits.MAX_ATOMS, config.codebookSize()));
        int mTail = r.uvInt("packet.m_tail", 0, Math.min(Limits.MAX_ATOMS, config.codebookSize()));
        int tailFrames = r.u8In("packet.tail_latent_frames", 0, Limits.MAX_TAIL_LATENT_FRAMES);
        checkAtomWork(config, frames, m, mTail, tailFrames);
        int anchorMode = r.u8In("packet.anchor_mode", 0, Limits.MAX_ANCHOR_MODE);
        int steps = io.gvc.codec.latent.LatentSynthesis.SCALE_STEPS;
        int[] scale = {r.u8In("packet.deviation_scale_y", 0, steps), r.u8In("packet.deviation_scale_c", 0, steps)};
        int nb = r.u8In("packet.boundary_count", 0, Limits.MAX_BOUNDARIES);
        List<BoundaryPicture> boundaries = new ArrayList<>(nb);
        int previous = -1;
        String previousCodec = null;
        for (int i = 0; i < nb; i++) {
            String f = "packet.boundary[" + i + "]";
            // keyframes in increasing position; ones between the first and last frame only in FLF2V
            int pos = r.uvInt(f + ".position", previous + 1, frames - 1);
            if (pos > 0 && pos < frames - 1 && !config.variant().hasLaterKeyframes()) {
                throw new BitstreamException(f + ".position", "is " + pos + ": only FLF2V GOPs carry mid-GOP keyframes");
            }
            previous = pos;
            String codec = r.string(f + ".codec", false, 64);
            if (codec.isEmpty()) {
                if (previousCodec == null) {
                    throw new BitstreamException(f + ".codec", "is empty (same as the boundary before it), "
                            + "but it is the packet's first boundary");
                }
                codec = previousCodec;
            }
            previousCodec = codec;
            int qp = r.u8(f + ".quality");
            int q = (int) FieldReader.checkRange(f + ".quality", qp & ~PREDICTED_BIT, Limits.MIN_QUALITY, Limits.MAX_QUALITY);
            // a keyframe after the first may be predicted from the keyframe before it
            boolean predicted = (qp & PREDICTED_BIT) != 0;
            if (predicted && pos == 0) {
                throw new BitstreamException(f + ".predicted", "is set on the GOP's first frame, which has no "
                        + "keyframe before it");
            }
            int len = r.uvInt(f + ".length", 0, Limits.MAX_BOUNDARY_BYTES);
            boundaries.add(new BoundaryPicture(pos, codec, q, predicted, r.bytes(len, f + ".data")));
        }
        int offsetsLen = r.uvInt("packet.bridge_offsets.length", 0, Limits.MAX_SIDE_INFO_BYTES);
        if (offsetsLen > 0 && (!config.variant().hasLaterKeyframes() || anchorMode == 0)) {
            throw new BitstreamException("packet.bridge_offsets.length", "is " + offsetsLen + ": only FLF2V GOPs "
                    + "anchored on the motion-compensated bridge (anchor modes 1..3) carry bridge offsets");
        }
        int[] offsets = BridgeOffsetField.read(r.bytes(offsetsLen, "packet.bridge_offsets"),
                GvcPacket.keyframePositions(frames, boundaries));
        String prompt = r.vstring("packet.prompt", Limits.MAX_PROMPT_BYTES);
        int sideLen = r.uvInt("packet.prior_side.length", 0, Limits.MAX_SIDE_INFO_BYTES);
        byte[] side = r.bytes(sideLen, "packet.prior_side");
        int resLen = r.uvInt("packet.tail_residual.length", 0, Limits.MAX_RESIDUAL_BYTES);
        byte[] residual = r.bytes(resLen, "packet.tail_residual");
        long atomBits = r.uvIn("packet.atom_bits", 0, (long) Limits.MAX_ATOM_BYTES * 8);
        byte[] atoms = r.bytes((int) ((atomBits + 7) / 8), "packet.atoms");
        // no error can exceed 255^2 per sample: bounding each GOP's SSE keeps a stream's sum in a long
        long lumaMax = 65025L * frames * config.format().width() * config.format().height();
        long[] sse = {r.uvIn("packet.sse_y", 0, lumaMax), r.uvIn("packet.sse_u", 0, lumaMax),
                r.uvIn("packet.sse_v", 0, lumaMax)};
        if (r.remaining() != 0) {
            throw new BitstreamException("packet", r.remaining() + " unexpected bytes after the last field");
        }
        return new GvcPacket(seq, first, frames, config, m, mTail, tailFrames, anchorMode, scale, boundaries, prompt, side, residual,
                atomBits, atoms, sse, offsets);
    }
}
