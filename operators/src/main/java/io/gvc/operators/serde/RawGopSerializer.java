package io.gvc.operators.serde;

import io.gvc.kafka.formats.RawGop;
import io.gvc.kafka.formats.RawGopFormat;
import io.gvc.kafka.formats.RecordFormatException;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** A raw GOP, in the same binary layout as on gvc.raw-gops (RawGopFormat). */
public final class RawGopSerializer extends BinarySerializer<RawGop> {

    private static final long serialVersionUID = 1L;
    static final int VERSION = 1;

    @Override
    protected void write(RawGop v, DataOutputView out) throws IOException {
        Io.version(out, VERSION);
        Io.bytes(out, RawGopFormat.write(v));
    }

    @Override
    protected RawGop read(DataInputView in) throws IOException {
        Io.version(in, VERSION, "RawGop");
        byte[] b = Io.bytes(in, "rawGop");
        try {
            return RawGopFormat.read(b);
        } catch (RecordFormatException e) {
            throw new IOException("rawGop: " + e.getMessage(), e);
        }
    }

    @Override
    public TypeSerializerSnapshot<RawGop> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer from a checkpoint; the layout version is in every value. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<RawGop> {
        public Snapshot() {
            super(RawGopSerializer::new);
        }
    }
}
