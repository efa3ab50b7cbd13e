package io.gvc.operators.serde;

import io.gvc.codec.frame.Frame;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** One I420 picture (keyed state: the boundary frame a stream continues from). */
public final class FrameSerializer extends BinarySerializer<Frame> {

    private static final long serialVersionUID = 1L;
    static final int VERSION = 1;

    @Override
    protected void write(Frame v, DataOutputView out) throws IOException {
        Io.version(out, VERSION);
        Io.frame(out, v);
    }

    @Override
    protected Frame read(DataInputView in) throws IOException {
        Io.version(in, VERSION, "Frame");
        Frame f = Io.frame(in, "frame");
        if (f == null) {
            throw new IOException("frame: missing");
        }
        return f;
    }

    @Override
    public TypeSerializerSnapshot<Frame> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer from a checkpoint; the layout version is in every value. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Frame> {
        public Snapshot() {
            super(FrameSerializer::new);
        }
    }
}
