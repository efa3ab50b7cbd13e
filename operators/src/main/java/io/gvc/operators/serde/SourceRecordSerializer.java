package io.gvc.operators.serde;

import io.gvc.operators.types.SourceRecord;
import java.util.ArrayList;
import java.util.List;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** An unparsed Kafka record: coordinates, key, value and headers. */
public final class SourceRecordSerializer extends BinarySerializer<SourceRecord> {

    private static final long serialVersionUID = 1L;
    static final int VERSION = 1;

    @Override
    protected void write(SourceRecord v, DataOutputView out) throws IOException {
        Io.version(out, VERSION);
        writeRecord(v, out);
    }

    @Override
    protected SourceRecord read(DataInputView in) throws IOException {
        Io.version(in, VERSION, "SourceRecord");
        return readRecord(in);
    }

    static void writeRecord(SourceRecord v, DataOutputView out) throws IOException {
        Io.string(out, v.topic());
        out.writeInt(v.partition());
        out.writeLong(v.offset());
        out.writeLong(v.timestamp());
        Io.bytes(out, v.key());
        Io.bytes(out, v.value());
        out.writeInt(v.headers().size());
        for (SourceRecord.Header h : v.headers()) {
            Io.string(out, h.key());
            Io.bytes(out, h.value());
        }
    }

    static SourceRecord readRecord(DataInputView in) throws IOException {
        String topic = Io.string(in, "topic");
        int partition = in.readInt();
        long offset = in.readLong();
        long timestamp = in.readLong();
        byte[] key = Io.bytes(in, "key");
        byte[] value = Io.bytes(in, "value");
        int n = in.readInt();
        if (n < 0 || n > 10_000) {
            throw new IOException("headers: count " + n + " out of range");
        }
        List<SourceRecord.Header> headers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            headers.add(new SourceRecord.Header(Io.string(in, "header.key"), Io.bytes(in, "header.value")));
        }
        return new SourceRecord(topic, partition, offset, timestamp, key, value, headers);
    }

    @Override
    public TypeSerializerSnapshot<SourceRecord> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer from a checkpoint; the layout version is in every value. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<SourceRecord> {
        public Snapshot() {
            super(SourceRecordSerializer::new);
        }
    }
}
