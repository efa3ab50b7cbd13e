package io.gvc.operators.serde;

import io.gvc.operators.types.DecodedEnvelope;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** A decoded GOP (or a failed one) waiting for its turn in the reorderer. */
public final class DecodedEnvelopeSerializer extends BinarySerializer<DecodedEnvelope> {

    private static final long serialVersionUID = 1L;
    static final int VERSION = 1;

    @Override
    protected void write(DecodedEnvelope v, DataOutputView out) throws IOException {
        Io.version(out, VERSION);
        Io.string(out, v.streamId());
        out.writeLong(v.gopSeq());
        out.writeLong(v.previousSeq());
        out.writeLong(v.firstFrameIndex());
        out.writeLong(v.captureTimeMicros());
        out.writeLong(v.decodeFinishedMicros());
        out.writeLong(v.decodeNanos());
        out.writeInt(v.width());
        out.writeInt(v.height());
        Io.frames(out, v.frames());
        Io.string(out, v.concealment());
        Io.string(out, v.failure());
    }

    @Override
    protected DecodedEnvelope read(DataInputView in) throws IOException {
        Io.version(in, VERSION, "DecodedEnvelope");
        return new DecodedEnvelope(Io.string(in, "streamId"), in.readLong(), in.readLong(), in.readLong(),
                in.readLong(), in.readLong(), in.readLong(), in.readInt(), in.readInt(), Io.frames(in, "frames"),
                Io.string(in, "concealment"), Io.string(in, "failure"));
    }

    @Override
    public TypeSerializerSnapshot<DecodedEnvelope> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer from a checkpoint; the layout version is in every value. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<DecodedEnvelope> {
        public Snapshot() {
            super(DecodedEnvelopeSerializer::new);
        }
    }
}
