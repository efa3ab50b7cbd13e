package io.gvc.operators.serde;

import io.gvc.codec.KeyframedGop;
import io.gvc.codec.anchor.AnchorMode;
import io.gvc.codec.anchor.BridgeOffsets;
import io.gvc.codec.anchor.Keyframes;
import io.gvc.codec.bitstream.BoundaryPicture;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.variant.Variant;
import io.gvc.kafka.formats.RawGop;
import io.gvc.kafka.formats.RawGopFormat;
import io.gvc.kafka.formats.RecordFormatException;
import io.gvc.operators.types.AtomSearchTask;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A raw GOP with its coded keyframes, from the keyframe chain to any atom-search slot: the raw GOP
 * in its Kafka layout, then the keyframes as flat fields (coded pictures as bytes, decoded ones as
 * I420 planes), so a few hundred kilobytes per GOP move without Kryo or object graphs.
 */
public final class AtomSearchTaskSerializer extends BinarySerializer<AtomSearchTask> {

    private static final long serialVersionUID = 1L;
    /** 2: the bridge offsets (bitstream version 6); 3: between pictures (bitstream version 10); 4: the chain quality. */
    static final int VERSION = 4;
    /** More keyframes than a GOP has frames cannot be; this bounds the counts before allocating. */
    static final int MAX_KEYFRAMES = Io.MAX_FRAMES;

    @Override
    protected void write(AtomSearchTask v, DataOutputView out) throws IOException {
        Io.version(out, VERSION);
        Io.bytes(out, RawGopFormat.write(v.gop()));
        out.writeLong(v.previousSeq());
        KeyframedGop k = v.keyframed();
        out.writeLong(k.gopSeq());
        out.writeByte(k.variant().code());
        out.writeInt(k.frames());
        out.writeBoolean(k.chained());
        out.writeByte(k.anchorMode().code());
        out.writeInt(k.boundaries().size());
        for (BoundaryPicture b : k.boundaries()) {
            out.writeInt(b.position());
            Io.string(out, b.codecId());
            out.writeInt(b.quality());
            out.writeBoolean(b.predicted());
            out.writeBoolean(b.between());
            Io.bytes(out, b.data());
        }
        Keyframes kf = k.keyframes();
        out.writeInt(kf.count());
        for (int i = 0; i < kf.count(); i++) {
            out.writeInt(kf.position(i));
            Io.frame(out, kf.picture(i));
        }
        int[] offsets = k.offsets().toPacket(); // empty, or (x, y) per position
        out.writeInt(offsets.length);
        for (int pixels : offsets) {
            out.writeShort(pixels);
        }
        out.writeInt(k.chainQuality());
    }

    @Override
    protected AtomSearchTask read(DataInputView in) throws IOException {
        Io.version(in, VERSION, "AtomSearchTask");
        byte[] raw = Io.bytes(in, "rawGop");
        if (raw == null) {
            throw new IOException("rawGop: missing");
        }
        RawGop gop;
        try {
            gop = RawGopFormat.read(raw);
        } catch (RecordFormatException e) {
            throw new IOException("rawGop: " + e.getMessage(), e);
        }
        long previousSeq = in.readLong();
        long seq = in.readLong();
        int variantCode = in.readUnsignedByte();
        int frames = in.readInt();
        boolean chained = in.readBoolean();
        int modeCode = in.readUnsignedByte();
        int nb = count(in, "boundaries");
        List<BoundaryPicture> boundaries = new ArrayList<>(nb);
        for (int i = 0; i < nb; i++) {
            int position = in.readInt();
            String codec = Io.string(in, "boundary.codecId");
            int quality = in.readInt();
            boolean predicted = in.readBoolean();
            boolean between = in.readBoolean();
            byte[] data = Io.bytes(in, "boundary.data");
            if (codec == null || data == null) {
                throw new IOException("boundary " + i + ": codec or data missing");
            }
            if (between && !predicted) {
                throw new IOException("boundary " + i + ": a between picture that is not predicted");
            }
            boundaries.add(new BoundaryPicture(position, codec, quality, predicted, between, data));
        }
        int nk = count(in, "keyframes");
        int[] positions = new int[nk];
        Frame[] pictures = new Frame[nk];
        for (int i = 0; i < nk; i++) {
            positions[i] = in.readInt();
            pictures[i] = Io.frame(in, "keyframe");
            if (pictures[i] == null) {
                throw new IOException("keyframe " + i + " is missing");
            }
        }
        int no = in.readInt();
        if (no != 0 && (no != 2 * frames || frames > MAX_KEYFRAMES)) {
            throw new IOException("offsets: " + no + " values for a GOP of " + frames + " frames");
        }
        int[] offsets = new int[no];
        for (int i = 0; i < no; i++) {
            offsets[i] = in.readShort();
        }
        int chainQuality = in.readInt();
        try {
            KeyframedGop k = new KeyframedGop(seq, Variant.fromCode(variantCode), frames, chained,
                    AnchorMode.fromCode(modeCode), boundaries, new Keyframes(positions, pictures),
                    BridgeOffsets.fromPacket(offsets, frames), chainQuality);
            return new AtomSearchTask(gop, previousSeq, k);
        } catch (IllegalArgumentException e) {
            throw new IOException("keyframed GOP: " + e.getMessage(), e);
        }
    }

    private static int count(DataInputView in, String field) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_KEYFRAMES) {
            throw new IOException(field + ": count " + n + " out of range");
        }
        return n;
    }

    @Override
    public TypeSerializerSnapshot<AtomSearchTask> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer from a checkpoint; the layout version is in every value. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<AtomSearchTask> {
        public Snapshot() {
            super(AtomSearchTaskSerializer::new);
        }
    }
}
