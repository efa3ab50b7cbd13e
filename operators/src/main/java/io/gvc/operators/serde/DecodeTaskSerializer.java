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
    static final int VERSION = 1;

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
    }

    @Override
    protected DecodeTask read(DataInputView in) throws IOException {
        Io.version(in, VERSION, "DecodeTask");
        PacketEnvelope p = new PacketEnvelope(Io.string(in, "streamId"), in.readLong(), in.readLong(),
                Io.bytes(in, "packet"));
        return new DecodeTask(p, in.readLong(), Io.frame(in, "sharedFirst"), Io.string(in, "concealment"));
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
