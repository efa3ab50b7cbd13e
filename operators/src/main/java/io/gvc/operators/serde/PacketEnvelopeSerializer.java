package io.gvc.operators.serde;

import io.gvc.operators.types.PacketEnvelope;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** A packet with its stream, GOP number and capture time. */
public final class PacketEnvelopeSerializer extends BinarySerializer<PacketEnvelope> {

    private static final long serialVersionUID = 1L;
    static final int VERSION = 1;

    @Override
    protected void write(PacketEnvelope v, DataOutputView out) throws IOException {
        Io.version(out, VERSION);
        Io.string(out, v.streamId());
        out.writeLong(v.gopSeq());
        out.writeLong(v.captureTimeMicros());
        Io.bytes(out, v.packet());
    }

    @Override
    protected PacketEnvelope read(DataInputView in) throws IOException {
        Io.version(in, VERSION, "PacketEnvelope");
        return new PacketEnvelope(Io.string(in, "streamId"), in.readLong(), in.readLong(), Io.bytes(in, "packet"));
    }

    @Override
    public TypeSerializerSnapshot<PacketEnvelope> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer from a checkpoint; the layout version is in every value. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<PacketEnvelope> {
        public Snapshot() {
            super(PacketEnvelopeSerializer::new);
        }
    }
}
