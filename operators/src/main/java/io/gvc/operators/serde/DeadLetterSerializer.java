package io.gvc.operators.serde;

import io.gvc.operators.types.DeadLetter;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** A refused record with its reason. */
public final class DeadLetterSerializer extends BinarySerializer<DeadLetter> {

    private static final long serialVersionUID = 1L;
    static final int VERSION = 1;

    @Override
    protected void write(DeadLetter v, DataOutputView out) throws IOException {
        Io.version(out, VERSION);
        SourceRecordSerializer.writeRecord(v.record(), out);
        Io.string(out, v.reason());
        Io.string(out, v.stream());
    }

    @Override
    protected DeadLetter read(DataInputView in) throws IOException {
        Io.version(in, VERSION, "DeadLetter");
        return new DeadLetter(SourceRecordSerializer.readRecord(in), Io.string(in, "reason"), Io.string(in, "stream"));
    }

    @Override
    public TypeSerializerSnapshot<DeadLetter> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer from a checkpoint; the layout version is in every value. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<DeadLetter> {
        public Snapshot() {
            super(DeadLetterSerializer::new);
        }
    }
}
