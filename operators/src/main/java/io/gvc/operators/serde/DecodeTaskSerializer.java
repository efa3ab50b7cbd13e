package io.gvc.operators.serde;

import io.gvc.operators.types.DecodeTask;
import io.gvc.operators.types.PacketEnvelope;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** A packet with the shared first frame it needs, on its way to any decoder slot. */
public final class DecodeTaskSerializer extends BinarySerializer<DecodeTask> {

    private static final long serialVersionUID = 1L;
    /** 2: {@link DecodeTask#firstShown} added; a version-1 task (in flight in an older checkpoint) reads as shared or not. */
    static final int VERSION = 2;

    @Override
    protected void write(DecodeTask v, DataOutputView out) throws IOException {
        Io.version(out, VERSION);
        Io.string(out, v.packet().streamId());
        out.writeLong(v.packet().gopSeq());
        out.writeLong(v.packet().captureTimeMicros());
        Io.bytes(out, v.packet().packet());
        out.writeLong(v.previousSeq());
        Io.frame(out, v.sharedFirst());
        Io.string(out, v.concealment());
        out.writeBoolean(v.firstShown());
    }

    @Override
    protected DecodeTask read(DataInputView in) throws IOException {
        int version = in.readUnsignedByte();
        if (version != 1 && version != VERSION) {
            throw new IOException("DecodeTask: layout version " + version + ", this build reads " + VERSION);
        }
        PacketEnvelope p = new PacketEnvelope(Io.string(in, "streamId"), in.readLong(), in.readLong(),
                Io.bytes(in, "packet"));
        long previous = in.readLong();
        io.gvc.codec.frame.Frame shared = Io.frame(in, "sharedFirst");
        String concealment = Io.string(in, "concealment");
        // version 1 output a GOP from its second frame exactly where it shared the first
        return new DecodeTask(p, previous, shared, concealment, version == 1 ? shared != null : in.readBoolean());
    }

    @Override
    public TypeSerializerSnapshot<DecodeTask> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer from a checkpoint; the layout version is in every value. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<DecodeTask> {
        public Snapshot() {
            super(DecodeTaskSerializer::new);
        }
    }
}
