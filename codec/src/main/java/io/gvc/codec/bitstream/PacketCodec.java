package io.gvc.codec.bitstream;

import java.util.List;
import java.util.zip.CRC32C;

/** {@link GvcPacket} to bytes and back, exactly as docs/bitstream.md lays them out. */
public final class PacketCodec {

    /** Magic of a live packet, alone on Kafka: it carries its version and its own config. */
    public static final byte[] MAGIC = {'G', 'V', 'C', 'P'};
    /**
     * First byte of a packet inside a .gvc file whose coding config is the stream header's: the
     * config is left out (20 to 70 bytes). A file's packets need no magic or version of their own (the
     * stream header has both), so each starts with this one byte instead of five (version 8).
     */
    public static final int KIND_IMPLIED_CONFIG = 'Q';
    /** First byte of a packet inside a .gvc file that carries its own config (it differs from the header's). */
    public static final int KIND_OWN_CONFIG = 'P';
    public static final int VERSION = 16;
    /** {@code packet.flags} (version 14): the anchor mode in bits 0..1, then whether the generated part and the bridge offsets follow. */
    static final int ANCHOR_MODE_BITS = 0x03, FLAG_GENERATED = 0x04, FLAG_OFFSETS = 0x08;

    private PacketCodec() {
    }

    /** A self-contained packet (magic GVCP), as a live stream carries it. */
    public static byte[] write(GvcPacket p) {
        return write(p, null);
    }

    /**
     * The packet as a file with {@code header} holds it: without magic or version, without its
     * place in the stream (the header implies it, {@link GopPlace}), without its config where it is
     * the header's, and without its boundaries' codec ids (each is the header's intra codec).
     * Refused where its place is not the one the header implies for its GOP number.
     */
    public static byte[] writeInStream(GvcPacket p, StreamHeader header) {
        return write(p, java.util.Objects.requireNonNull(header, "header"));
    }

    /** A live packet where {@code header} is null, else one inside a file with that header. */
    private static byte[] write(GvcPacket p, StreamHeader header) {
        CodingConfig c = p.config();
        // M is read before anything that could overflow a field: a clear refusal
        int maxM = Limits.maxAtoms(c.codebookSize());
        if (p.m() > maxM || p.mTail() > maxM) {
            throw new IllegalArgumentException("M " + p.m() + " / M_tail " + p.mTail() + " above the limit " + maxM);
        }
        if (p.anchorMode() < 0 || p.anchorMode() > Limits.MAX_ANCHOR_MODE) { // two bits of packet.flags
            throw new IllegalArgumentException("anchor mode " + p.anchorMode() + " outside 0.." + Limits.MAX_ANCHOR_MODE);
        }
        if (!p.prompt().isEmpty() && !c.variant().carriesPrompt()) {
            throw new IllegalArgumentException("a " + c.variant() + " packet carries no prompt (only T2V does)");
        }
        GopPlace place = header == null ? null : GopPlace.of(header, p.gopSeq());
        if (place != null && (place.firstFrame() != p.firstFrame() || place.frameCount() != p.frameCount())) {
            throw new IllegalArgumentException("GOP " + p.gopSeq() + " covers frames " + p.firstFrame() + "+"
                    + p.frameCount() + ", the stream header implies " + place.firstFrame() + "+" + place.frameCount());
        }
        byte[] packet = layOut(p, header);
        // the writer refuses what the reader would, by the reader's own checks: one set of limits
        try {
            read(packet, 0, packet.length, header, place);
        } catch (BitstreamException e) {
            throw new IllegalArgumentException("a packet no decoder would read: " + e.getMessage(), e);
        }
        return packet;
    }

    /**
     * The packet's bytes, unchecked: {@link #write} checks them with the reader (tests build bad
     * packets with it). Live where {@code header} is null, else as a file with that header holds it.
     */
    static byte[] layOut(GvcPacket p, StreamHeader header) {
        CodingConfig c = p.config();
        CodingConfig streamConfig = header == null ? null : header.config();
        boolean impliedConfig = c.equals(streamConfig);
        FieldWriter body = new FieldWriter();
        // counts, lengths and numbers as varints (version 4): a packet of a few hundred bytes
        // spent about 40 of them on fixed-width zeros; a file's header implies the place (version 14)
        if (header == null) {
            body.uv(p.gopSeq()).uv(p.firstFrame()).uv(p.frameCount());
        }
        if (!impliedConfig) {
            ConfigField.write(body, c);
        }
        byte[] offsets = BridgeOffsetField.write(p.bridgeOffsets(), p.keyframePositions());
        // the anchor mode and whether the bridge offsets and the generated part follow, in one byte
        // (version 14; three bytes until then)
        body.u8(p.anchorMode() | (p.generates() ? FLAG_GENERATED : 0) | (offsets.length > 0 ? FLAG_OFFSETS : 0));
        BoundaryField.write(body, p.boundaries(), header == null ? null : header.intraCodec());
        if (offsets.length > 0) {
            body.uv(offsets.length).bytes(offsets);
        }
        if (c.variant().carriesPrompt()) {
            body.vstring(p.prompt());
        }
        // the generated part, all of it behind one flag (version 8): a GOP whose anchors are its
        // output (no atoms, no deviation, no residual, no side information) spent about ten bytes
        // on zeros and empty lengths, a tenth of a low-rate packet
        if (p.generates()) {
            body.uv(p.m()).uv(p.mTail()).u8(p.tailLatentFrames());
            body.u8(p.deviationScale()[0]).u8(p.deviationScale()[1]);
            body.uv(p.priorSide().length).bytes(p.priorSide());
            body.uv(p.tailResidual().length).bytes(p.tailResidual());
            body.uv(p.atomBits()).bytes(p.atoms());
        }
        // the encoder's PSNR, a byte a plane (version 13; EncoderPsnr)
        body.u8(p.psnr().y()).u8(p.psnr().u()).u8(p.psnr().v());
        byte[] b = body.toByteArray();
        FieldWriter out = new FieldWriter();
        if (streamConfig == null) {
            out.bytes(MAGIC).u8(VERSION);
        } else {
            out.u8(impliedConfig ? KIND_IMPLIED_CONFIG : KIND_OWN_CONFIG);
        }
        out.uv(b.length + 4L).bytes(b);
        CRC32C crc = new CRC32C();
        crc.update(b, 0, b.length);
        out.u32(crc.getValue());
        return out.toByteArray();
    }

    /** Refuses a packet whose atoms would cost more to decode than its pictures allow ({@link Limits#maxAtomWork}). */
    private static void checkAtomWork(CodingConfig c, int frames, int m, int mTail, int tailFrames)
            throws BitstreamException {
        String refusal = Limits.atomWorkRefusal(c, frames, m, mTail, tailFrames);
        if (refusal != null) {
            throw new BitstreamException("packet.m", refusal);
        }
    }

    /** Total length in bytes of the packet inside a file starting at {@code off}, read from its prefix. */
    public static int framedLengthInFile(byte[] buf, int off, int end) throws BitstreamException {
        return framing(buf, off, end, true).end() - off;
    }

    /** Where a packet's body starts, how many bytes follow its prefix (body and CRC), and whether its config is implied. */
    private record Framing(int bodyStart, int length, boolean impliedConfig) {
        int end() {
            return bodyStart + length;
        }
    }

    /**
     * The packet's prefix read and checked: live, magic, version and a varint length (6 to 9 bytes);
     * in a file, its kind byte and the length (2 to 5 bytes).
     */
    private static Framing framing(byte[] buf, int off, int end, boolean inFile) throws BitstreamException {
        FieldReader r = new FieldReader(buf, off, end);
        boolean implied = false;
        if (inFile) {
            int kind = r.u8("packet.kind");
            if (kind != KIND_IMPLIED_CONFIG && kind != KIND_OWN_CONFIG) {
                throw new BitstreamException("packet.kind", String.format("is 0x%02x, not 'Q' (config implied) or "
                        + "'P' (config of its own)", kind));
            }
            implied = kind == KIND_IMPLIED_CONFIG;
        } else {
            byte[] magic = r.bytes(4, "packet.magic");
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new BitstreamException("packet.magic", "is not 'GVCP': not a live GVC packet");
            }
            int v = r.u8("packet.version");
            if (v != VERSION) {
                throw new BitstreamException("packet.version", "is " + v + ", this decoder reads version " + VERSION);
            }
        }
        int len = r.uvInt("packet.length", 4, Limits.MAX_PACKET_BYTES);
        if (len > r.remaining()) {
            throw new BitstreamException("packet.length", "claims " + len + " bytes, only " + r.remaining() + " left");
        }
        return new Framing(r.position(), len, implied);
    }

    public static GvcPacket read(byte[] buf) throws BitstreamException {
        return read(buf, 0, buf.length);
    }

    /** Reads one self-contained packet occupying exactly buf[off, end). */
    public static GvcPacket read(byte[] buf, int off, int end) throws BitstreamException {
        return read(buf, off, end, null, null);
    }

    /**
     * Reads one packet occupying exactly buf[off, end): a live packet where {@code header} is null,
     * else the packet at {@code place} inside a file with that header (whose config a packet
     * without its own takes, and whose intra codec a first boundary without a codec id takes).
     */
    public static GvcPacket read(byte[] buf, int off, int end, StreamHeader header, GopPlace place)
            throws BitstreamException {
        if ((header == null) != (place == null)) {
            throw new IllegalArgumentException("a packet in a file is read at its place, a live one without");
        }
        Framing framing = framing(buf, off, end, header != null);
        boolean implied = framing.impliedConfig();
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
        long seq, first;
        int frames;
        if (place == null) {
            seq = r.uvIn("packet.gop_seq", 0, Long.MAX_VALUE);
            first = r.uvIn("packet.first_frame", 0, Limits.MAX_TOTAL_FRAMES);
            frames = r.uvInt("packet.frame_count", 1, Limits.MAX_GOP_FRAMES);
        } else {
            seq = place.gopSeq();
            first = place.firstFrame();
            frames = place.frameCount();
        }
        CodingConfig config = implied ? header.config() : ConfigField.read(r, "packet.config");
        int flags = r.u8("packet.flags");
        if ((flags & ~(ANCHOR_MODE_BITS | FLAG_GENERATED | FLAG_OFFSETS)) != 0) {
            throw new BitstreamException("packet.flags", String.format("is 0x%02x: bits 4..7 are reserved and 0", flags));
        }
        int anchorMode = flags & ANCHOR_MODE_BITS; // 0..3, every value valid (Limits.MAX_ANCHOR_MODE)
        List<BoundaryPicture> boundaries = BoundaryField.read(r, frames, config.variant(),
                header == null ? null : header.intraCodec());
        int offsetsLen = 0;
        if ((flags & FLAG_OFFSETS) != 0) {
            if (!config.variant().hasLaterKeyframes() || anchorMode == 0) {
                throw new BitstreamException("packet.flags", "marks bridge offsets: only FLF2V GOPs anchored on the "
                        + "motion-compensated bridge (anchor modes 1..3) carry them");
            }
            offsetsLen = r.uvInt("packet.bridge_offsets.length", 1, Limits.MAX_SIDE_INFO_BYTES);
        }
        int[] offsets = BridgeOffsetField.read(r.bytes(offsetsLen, "packet.bridge_offsets"),
                GvcPacket.keyframePositions(frames, boundaries));
        String prompt = config.variant().carriesPrompt() ? r.vstring("packet.prompt", Limits.MAX_PROMPT_BYTES) : "";
        int generated = (flags & FLAG_GENERATED) != 0 ? 1 : 0;
        int m = 0, mTail = 0, tailFrames = 0;
        int[] scale = {0, 0};
        byte[] side = new byte[0], residual = new byte[0], atoms = new byte[0];
        long atomBits = 0;
        if (generated == 1) {
            m = r.uvInt("packet.m", 0, Math.min(Limits.MAX_ATOMS, config.codebookSize()));
            mTail = r.uvInt("packet.m_tail", 0, Math.min(Limits.MAX_ATOMS, config.codebookSize()));
            tailFrames = r.u8In("packet.tail_latent_frames", 0, Limits.MAX_TAIL_LATENT_FRAMES);
            checkAtomWork(config, frames, m, mTail, tailFrames);
            int steps = io.gvc.codec.latent.LatentSynthesis.SCALE_STEPS;
            scale = new int[] {r.u8In("packet.deviation_scale_y", 0, steps),
                    r.u8In("packet.deviation_scale_c", 0, steps)};
            int sideLen = r.uvInt("packet.prior_side.length", 0, Limits.MAX_SIDE_INFO_BYTES);
            side = r.bytes(sideLen, "packet.prior_side");
            int resLen = r.uvInt("packet.tail_residual.length", 0, Limits.MAX_RESIDUAL_BYTES);
            residual = r.bytes(resLen, "packet.tail_residual");
            atomBits = r.uvIn("packet.atom_bits", 0, (long) Limits.MAX_ATOM_BYTES * 8);
            atoms = r.bytes((int) ((atomBits + 7) / 8), "packet.atoms");
            if (m == 0 && mTail == 0 && tailFrames == 0 && scale[0] == 0 && scale[1] == 0 && sideLen == 0
                    && resLen == 0 && atomBits == 0) {
                // one layout per packet: a flag set over nothing would be a second form of the same GOP
                throw new BitstreamException("packet.generated", "is 1 but every generated field is zero or empty");
            }
        }
        EncoderPsnr psnr = new EncoderPsnr(r.u8("packet.psnr_y"), r.u8("packet.psnr_u"), r.u8("packet.psnr_v"));
        if (r.remaining() != 0) {
            throw new BitstreamException("packet", r.remaining() + " unexpected bytes after the last field");
        }
        return new GvcPacket(seq, first, frames, config, m, mTail, tailFrames, anchorMode, scale, boundaries, prompt, side, residual,
                atomBits, atoms, psnr, offsets);
    }
}
