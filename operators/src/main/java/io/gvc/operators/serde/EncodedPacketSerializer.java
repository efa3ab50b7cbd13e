package io.gvc.operators.serde;

import io.gvc.operators.types.EncodedPacket;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** An atom search's packet (or failure) on its way to the packet reorderer, and waiting in its state. */
public final class EncodedPacketSerializer extends BinarySerializer<EncodedPacket> {

    private static final long serialVersionUID = 1L;
    static final int VERSION = 1;

    @Override
    protected void write(EncodedPacket v, DataOutputView out) throws IOException {
        Io.version(out, VERSION);
        Io.string(out, v.streamId());
        out.writeLong(v.gopSeq());
        out.writeLong(v.previousSeq());
        out.writeLong(v.captureTimeMicros());
        Io.bytes(out, v.packet());
        Io.string(out, v.failure());
    }

    @Override
    protected EncodedPacket read(DataInputView in) throws IOException {
        Io.version(in, VERSION, "EncodedPacket");
        String stream = Io.string(in, "streamId");
        long seq = in.readLong();
        long previous = in.readLong();
        long capture = in.readLong();
        byte[] packet = Io.bytes(in, "packet");
        String failure = Io.string(in, "failure");
        try {
            return new EncodedPacket(stream, seq, previous, capture, packet, failure);
        } catch (IllegalArgumentException e) {
            throw new IOException("encoded packet: " + e.getMessage(), e);
        }
    }

    @Override
    public TypeSerializerSnapshot<EncodedPacket> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer from a checkpoint; the layout version is in every value. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<EncodedPacket> {
        public Snapshot() {
            super(EncodedPacketSerializer::new);
        }
    }
}
