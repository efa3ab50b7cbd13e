package io.gvc.operators.serde;

import io.gvc.codec.frame.Frame;
import io.gvc.kafka.formats.RawGop;
import io.gvc.operators.types.AtomSearchTask;
import io.gvc.operators.types.DeadLetter;
import io.gvc.operators.types.DecodeTask;
import io.gvc.operators.types.DecodedEnvelope;
import io.gvc.operators.types.EncodedPacket;
import io.gvc.operators.types.PacketEnvelope;
import io.gvc.operators.types.SourceRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** The Flink type of every value GVC passes between operators or keeps in state. */
public final class GvcTypes {

    public static final TypeInformation<Frame> FRAME = new BinaryTypeInfo<>(Frame.class, new FrameSerializer());
    public static final TypeInformation<RawGop> RAW_GOP = new BinaryTypeInfo<>(RawGop.class, new RawGopSerializer());
    public static final TypeInformation<PacketEnvelope> PACKET =
            new BinaryTypeInfo<>(PacketEnvelope.class, new PacketEnvelopeSerializer());
    public static final TypeInformation<AtomSearchTask> ATOM_SEARCH_TASK =
            new BinaryTypeInfo<>(AtomSearchTask.class, new AtomSearchTaskSerializer());
    public static final TypeInformation<EncodedPacket> ENCODED_PACKET =
            new BinaryTypeInfo<>(EncodedPacket.class, new EncodedPacketSerializer());
    public static final TypeInformation<DecodeTask> DECODE_TASK =
            new BinaryTypeInfo<>(DecodeTask.class, new DecodeTaskSerializer());
    public static final TypeInformation<DecodedEnvelope> DECODED =
            new BinaryTypeInfo<>(DecodedEnvelope.class, new DecodedEnvelopeSerializer());
    public static final TypeInformation<SourceRecord> SOURCE_RECORD =
            new BinaryTypeInfo<>(SourceRecord.class, new SourceRecordSerializer());
    public static final TypeInformation<DeadLetter> DEAD_LETTER =
            new BinaryTypeInfo<>(DeadLetter.class, new DeadLetterSerializer());

    private GvcTypes() {
    }
}
