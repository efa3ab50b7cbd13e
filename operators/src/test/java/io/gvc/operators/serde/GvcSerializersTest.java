package io.gvc.operators.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.KeyframedGop;
import io.gvc.codec.anchor.AnchorMode;
import io.gvc.codec.anchor.BridgeOffsets;
import io.gvc.codec.anchor.Keyframes;
import io.gvc.codec.bitstream.BoundaryPicture;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Video;
import io.gvc.codec.variant.Variant;
import io.gvc.kafka.formats.RawGop;
import io.gvc.kafka.formats.RawGopFormat;
import io.gvc.operators.TestMedia;
import io.gvc.operators.types.AtomSearchTask;
import io.gvc.operators.types.DeadLetter;
import io.gvc.operators.types.DecodeTask;
import io.gvc.operators.types.DecodedEnvelope;
import io.gvc.operators.types.EncodedPacket;
import io.gvc.operators.types.PacketEnvelope;
import io.gvc.operators.types.SourceRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BiConsumer;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * GVC's own Flink serializers: every type round-trips exactly, damaged input fails with an
 * IOException (naming the field where the layout allows it), snapshots restore an equal
 * serializer, and the type information never hands Flink a Kryo serializer.
 */
class GvcSerializersTest {

    static final Video VIDEO = TestMedia.video(18, 14, 3);
    static final Frame F0 = VIDEO.frames().get(0), F1 = VIDEO.frames().get(1), F2 = VIDEO.frames().get(2);
    /** An odd size, so chroma planes round up. */
    static final Frame ODD = TestMedia.video(7, 5, 1).frames().get(0);

    static <T> byte[] bytes(TypeSerializer<T> s, T value) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        s.serialize(value, out);
        return out.getCopyOfBuffer();
    }

    static <T> T read(TypeSerializer<T> s, byte[] b) throws IOException {
        DataInputDeserializer in = new DataInputDeserializer(b);
        T v = s.deserialize(in);
        assertEquals(0, in.available(), "bytes left after the value");
        return v;
    }

    /** Serialize, deserialize (both deserialize methods), and copy through the stream path. */
    static <T> T roundTrip(TypeSerializer<T> s, T value, BiConsumer<T, T> same) throws IOException {
        byte[] b = bytes(s, value);
        T back = read(s, b);
        same.accept(value, back);
        same.accept(value, s.deserialize(null, new DataInputDeserializer(b)));
        // copy(DataInputView, DataOutputView): what Flink uses to move values without materialising them
        DataOutputSerializer copied = new DataOutputSerializer(64);
        DataInputDeserializer in = new DataInputDeserializer(b);
        s.copy(in, copied);
        assertEquals(0, in.available(), "copy consumed the whole value");
        assertArrayEquals(b, copied.getCopyOfBuffer(), "copy writes the same bytes");
        // two values back to back: each read stops at its own end
        DataOutputSerializer two = new DataOutputSerializer(64);
        s.serialize(value, two);
        s.serialize(value, two);
        DataInputDeserializer twoIn = new DataInputDeserializer(two.getCopyOfBuffer());
        same.accept(value, s.deserialize(twoIn));
        same.accept(value, s.deserialize(twoIn));
        assertEquals(0, twoIn.available());
        return back;
    }

    /** Every strict prefix of a valid value fails with an IOException, never a runtime exception. */
    static <T> void everyTruncationFails(TypeSerializer<T> s, T value) throws IOException {
        byte[] b = bytes(s, value);
        for (int n = 0; n < b.length; n++) {
            byte[] prefix = java.util.Arrays.copyOf(b, n);
            int len = n;
            assertThrows(IOException.class, () -> s.deserialize(new DataInputDeserializer(prefix)),
                    "value cut to " + len + " of " + b.length + " bytes");
        }
    }

    static <T> void wrongVersionFails(TypeSerializer<T> s, T value, String type) throws IOException {
        byte[] b = bytes(s, value);
        int version = b[0];
        assertTrue(version >= 1, "layout version byte first");
        b[0] = (byte) (version + 1);
        IOException e = assertThrows(IOException.class, () -> read(s, b));
        assertEquals(type + ": layout version " + (version + 1) + ", this build reads " + version, e.getMessage());
    }

    /** Overwrites the big-endian int at {@code offset} and expects the read to name {@code message}. */
    static <T> void corruptIntFails(TypeSerializer<T> s, T value, int offset, int bad, String message)
            throws IOException {
        byte[] b = bytes(s, value);
        ByteBuffer.wrap(b).putInt(offset, bad);
        IOException e = assertThrows(IOException.class, () -> read(s, b));
        assertEquals(message, e.getMessage());
    }

    static void sameFrame(Frame a, Frame b) {
        if (a == null || b == null) {
            assertSame(a, b);
            return;
        }
        TestMedia.assertSamePixels(a, b, "frame");
    }

    static void samePacket(PacketEnvelope a, PacketEnvelope b) {
        assertEquals(a.streamId(), b.streamId());
        assertEquals(a.gopSeq(), b.gopSeq());
        assertEquals(a.captureTimeMicros(), b.captureTimeMicros());
        assertArrayEquals(a.packet(), b.packet());
    }

    static void sameTask(DecodeTask a, DecodeTask b) {
        samePacket(a.packet(), b.packet());
        assertEquals(a.previousSeq(), b.previousSeq());
        sameFrame(a.sharedFirst(), b.sharedFirst());
        assertEquals(a.concealment(), b.concealment());
    }

    static void sameDecoded(DecodedEnvelope a, DecodedEnvelope b) {
        assertEquals(a.streamId(), b.streamId());
        assertEquals(a.gopSeq(), b.gopSeq());
        assertEquals(a.previousSeq(), b.previousSeq());
        assertEquals(a.firstFrameIndex(), b.firstFrameIndex());
        assertEquals(a.captureTimeMicros(), b.captureTimeMicros());
        assertEquals(a.decodeFinishedMicros(), b.decodeFinishedMicros());
        assertEquals(a.decodeNanos(), b.decodeNanos());
        assertEquals(a.width(), b.width());
        assertEquals(a.height(), b.height());
        TestMedia.assertSameFrames(a.frames(), b.frames(), "frames");
        assertEquals(a.concealment(), b.concealment());
        assertEquals(a.failure(), b.failure());
        assertEquals(a.failed(), b.failed());
    }

    static void sameRecord(SourceRecord a, SourceRecord b) {
        assertEquals(a.topic(), b.topic());
        assertEquals(a.partition(), b.partition());
        assertEquals(a.offset(), b.offset());
        assertEquals(a.timestamp(), b.timestamp());
        assertArrayEquals(a.key(), b.key());
        assertArrayEquals(a.value(), b.value());
        assertEquals(a.headers().size(), b.headers().size());
        for (int i = 0; i < a.headers().size(); i++) {
            assertEquals(a.headers().get(i).key(), b.headers().get(i).key());
            assertArrayEquals(a.headers().get(i).value(), b.headers().get(i).value());
        }
    }

    static void sameDeadLetter(DeadLetter a, DeadLetter b) {
        sameRecord(a.record(), b.record());
        assertEquals(a.reason(), b.reason());
        assertEquals(a.stream(), b.stream());
    }

    static void sameRawGop(RawGop a, RawGop b) {
        assertArrayEquals(RawGopFormat.write(a), RawGopFormat.write(b));
        assertEquals(a.streamId(), b.streamId());
        TestMedia.assertSameFrames(a.frames(), b.frames(), "raw GOP frames");
    }

    static final byte[] PACKET_BYTES = {0x47, 0x56, 0x43, 1, 2, 3, -1, 0};
    static final PacketEnvelope PACKET = new PacketEnvelope("cam1", 7, TestMedia.T0, PACKET_BYTES);
    static final RawGop RAW = TestMedia.rawGop("cam-\u00e9", VIDEO, 3, 0, 3);

    static SourceRecord record(byte[] key, byte[] value) {
        return new SourceRecord("gvc.bitstream", 3, 123_456_789_012L, 1_764_000_000_123L, key, value,
                List.of(new SourceRecord.Header("gvc.capture-ts", "17".getBytes(StandardCharsets.UTF_8)),
                        new SourceRecord.Header("empty", new byte[0]), new SourceRecord.Header("null", null),
                        new SourceRecord.Header("gvc.capture-ts", new byte[] {9})));
    }

    static DecodedEnvelope decoded(List<Frame> frames, String failure) {
        return new DecodedEnvelope("cam1", 4, 2, 17, TestMedia.T0, TestMedia.T0 + 5_000, 123_456_789L,
                F0.width(), F0.height(), frames, "GOP 3 is missing; its last frame was replaced by GOP 2's", failure);
    }

    @Test
    void frameRoundTrips() throws IOException {
        FrameSerializer s = new FrameSerializer();
        roundTrip(s, F0, GvcSerializersTest::sameFrame);
        roundTrip(s, ODD, GvcSerializersTest::sameFrame);
        assertEquals(1 + 8 + Frame.i420Size(7, 5), bytes(s, ODD).length);
        everyTruncationFails(s, ODD);
        wrongVersionFails(s, F0, "Frame");
        corruptIntFails(s, F0, 1, 16385, "frame: frame size 16385x14 out of range");
        corruptIntFails(s, F0, 5, -3, "frame: frame size 18x-3 out of range");
        corruptIntFails(s, F0, 1, 0, "frame: missing");
    }

    @Test
    void rawGopRoundTrips() throws IOException {
        RawGopSerializer s = new RawGopSerializer();
        roundTrip(s, RAW, GvcSerializersTest::sameRawGop);
        everyTruncationFails(s, RAW);
        wrongVersionFails(s, RAW, "RawGop");
        corruptIntFails(s, RAW, 1, Integer.MAX_VALUE, "rawGop: length 2147483647 out of range");
        // the embedded record is checked too: a byte of its magic changed
        byte[] b = bytes(s, RAW);
        b[5] = 'X';
        IOException e = assertThrows(IOException.class, () -> read(s, b));
        assertTrue(e.getMessage().startsWith("rawGop: magic: not a raw-gop record"), e.getMessage());
    }

    @Test
    void packetEnvelopeRoundTrips() throws IOException {
        PacketEnvelopeSerializer s = new PacketEnvelopeSerializer();
        roundTrip(s, PACKET, GvcSerializersTest::samePacket);
        roundTrip(s, new PacketEnvelope("c", 0, 0, new byte[0]), GvcSerializersTest::samePacket);
        everyTruncationFails(s, PACKET);
        wrongVersionFails(s, PACKET, "PacketEnvelope");
        // version | streamId len 4 + "cam1" | gopSeq | capture | packet len
        corruptIntFails(s, PACKET, 1, -7, "streamId: length -7 out of range");
        corruptIntFails(s, PACKET, 1 + 4 + 4 + 8 + 8, Io.MAX_BYTES + 1,
                "packet: length " + (Io.MAX_BYTES + 1) + " out of range");
    }

    @Test
    void decodeTaskRoundTripsWithAndWithoutSharedFirst() throws IOException {
        DecodeTaskSerializer s = new DecodeTaskSerializer();
        DecodeTask chained = new DecodeTask(PACKET, 6, F1, "GOP 6 is missing; its last frame was replaced by GOP 5's");
        DecodeTask first = new DecodeTask(new PacketEnvelope("cam1", 0, TestMedia.T0, PACKET_BYTES), -1, null, "");
        roundTrip(s, chained, GvcSerializersTest::sameTask);
        DecodeTask back = roundTrip(s, first, GvcSerializersTest::sameTask);
        assertNull(back.sharedFirst());
        assertEquals(-1, back.previousSeq());
        everyTruncationFails(s, chained);
        wrongVersionFails(s, chained, "DecodeTask");
        // version | streamId (4+4) | gopSeq | capture | packet (4+8) | previousSeq | sharedFirst width
        int frameAt = 1 + 8 + 8 + 8 + 12 + 8;
        corruptIntFails(s, chained, frameAt, -1, "sharedFirst: frame size -1x14 out of range");
        corruptIntFails(s, chained, frameAt + 4, 16385, "sharedFirst: frame size 18x16385 out of range");
    }

    /** A task as the keyframe chain hands it on: a raw GOP, two coded boundaries, three decoded keyframes. */
    static AtomSearchTask atomTask(boolean chained) {
        RawGop gop = TestMedia.rawGop("cam1", VIDEO, 4, 0, 3);
        List<BoundaryPicture> b = chained ? List.of(new BoundaryPicture(2, "gvc-dct", 40, true, new byte[] {9, 8, 7}))
                : List.of(new BoundaryPicture(0, "gvc-dct", 41, new byte[] {1, 2}),
                        new BoundaryPicture(2, "gvc-dct", 41, true, new byte[] {3}));
        Keyframes k = new Keyframes(new int[] {0, 1, 2}, new Frame[] {F0, F1, F2});
        // offsets travel with the task (the packet writer, not the task, checks where they may be)
        BridgeOffsets offsets = chained ? BridgeOffsets.none(3) : BridgeOffsets.of(new int[] {0, -7, 0}, new int[] {0, 3, 0});
        return new AtomSearchTask(gop, chained ? 3 : -1,
                new KeyframedGop(4, Variant.FLF2V, 3, chained, AnchorMode.MOTION_BRIDGE, b, k, offsets, chained ? 40 : 41));
    }

    static void sameAtomTask(AtomSearchTask a, AtomSearchTask b) {
        sameRawGop(a.gop(), b.gop());
        assertEquals(a.previousSeq(), b.previousSeq());
        KeyframedGop x = a.keyframed(), y = b.keyframed();
        assertEquals(x.gopSeq(), y.gopSeq());
        assertEquals(x.variant(), y.variant());
        assertEquals(x.frames(), y.frames());
        assertEquals(x.chained(), y.chained());
        assertEquals(x.anchorMode(), y.anchorMode());
        assertEquals(x.offsets(), y.offsets());
        assertEquals(x.chainQuality(), y.chainQuality());
        assertEquals(x.boundaries().size(), y.boundaries().size());
        for (int i = 0; i < x.boundaries().size(); i++) {
            BoundaryPicture p = x.boundaries().get(i), q = y.boundaries().get(i);
            assertEquals(p.position(), q.position());
            assertEquals(p.codecId(), q.codecId());
            assertEquals(p.quality(), q.quality());
            assertEquals(p.predicted(), q.predicted());
            assertArrayEquals(p.data(), q.data());
        }
        assertArrayEquals(x.keyframes().positions(), y.keyframes().positions());
        for (int i = 0; i < x.keyframes().count(); i++) {
            sameFrame(x.keyframes().picture(i), y.keyframes().picture(i));
        }
    }

    @Test
    void atomSearchTaskRoundTripsWithItsKeyframes() throws IOException {
        AtomSearchTaskSerializer s = new AtomSearchTaskSerializer();
        roundTrip(s, atomTask(true), GvcSerializersTest::sameAtomTask);
        roundTrip(s, atomTask(false), GvcSerializersTest::sameAtomTask);
        everyTruncationFails(s, atomTask(true));
        wrongVersionFails(s, atomTask(true), "AtomSearchTask");
        byte[] b = bytes(s, atomTask(true));
        int rawLength = ByteBuffer.wrap(b).getInt(1);
        // version | raw GOP (4+n) | previousSeq | gopSeq | variant | frames | chained | mode | boundary count
        int boundariesAt = 1 + 4 + rawLength + 8 + 8 + 1 + 4 + 1 + 1;
        corruptIntFails(s, atomTask(true), boundariesAt, 1025, "boundaries: count 1025 out of range");
        corruptIntFails(s, atomTask(true), boundariesAt - 6, 0, "keyframed GOP: a GOP has at least 1 frame, got 0");
    }

    @Test
    void encodedPacketRoundTripsIncludingFailedOnes() throws IOException {
        EncodedPacketSerializer s = new EncodedPacketSerializer();
        EncodedPacket ok = new EncodedPacket("cam1", 5, 4, TestMedia.T0, PACKET_BYTES, "");
        EncodedPacket failed = new EncodedPacket("cam1", 6, 5, TestMedia.T0, null, "refused by the atom search: x");
        BiConsumer<EncodedPacket, EncodedPacket> same = (a, c) -> {
            assertEquals(a.streamId(), c.streamId());
            assertEquals(a.gopSeq(), c.gopSeq());
            assertEquals(a.previousSeq(), c.previousSeq());
            assertEquals(a.captureTimeMicros(), c.captureTimeMicros());
            assertArrayEquals(a.packet(), c.packet());
            assertEquals(a.failure(), c.failure());
        };
        roundTrip(s, ok, same);
        assertTrue(roundTrip(s, failed, same).failed());
        everyTruncationFails(s, ok);
        wrongVersionFails(s, ok, "EncodedPacket");
        // version | streamId (4+4) | 3 longs | no packet (4) | failure length: no packet and no failure is refused
        corruptIntFails(s, failed, 1 + 8 + 24 + 4, 0, "encoded packet: GOP 6 of stream cam1: no packet and no failure");
    }

    @Test
    void decodedEnvelopeRoundTripsIncludingFailedOnes() throws IOException {
        DecodedEnvelopeSerializer s = new DecodedEnvelopeSerializer();
        DecodedEnvelope ok = decoded(List.of(F0, F1, F2), "");
        DecodedEnvelope failed = new DecodedEnvelope("cam1", 5, 4, 0, TestMedia.T0, TestMedia.T0 + 1, 9, 1, 1,
                List.of(), "", "decode failed: packet.config.model_hash: stream was coded with other parameters");
        roundTrip(s, ok, GvcSerializersTest::sameDecoded);
        DecodedEnvelope back = roundTrip(s, failed, GvcSerializersTest::sameDecoded);
        assertTrue(back.failed());
        assertEquals(List.of(), back.frames());
        everyTruncationFails(s, decoded(List.of(F0), ""));
        wrongVersionFails(s, ok, "DecodedEnvelope");
        // version | streamId (4+4) | 6 longs | width | height | frame count
        int countAt = 1 + 8 + 6 * 8 + 4 + 4;
        corruptIntFails(s, ok, countAt, 1025, "frames: frame count 1025 out of range");
        corruptIntFails(s, ok, countAt, -1, "frames: frame count -1 out of range");
        corruptIntFails(s, ok, countAt + 4, 0, "frames: frame 0 is missing");
    }

    @Test
    void sourceRecordRoundTripsWithNullKeyValueAndHeaders() throws IOException {
        SourceRecordSerializer s = new SourceRecordSerializer();
        SourceRecord full = record("cam1".getBytes(StandardCharsets.UTF_8), PACKET_BYTES);
        SourceRecord empty = new SourceRecord("t", -1, -1, 0, null, null, List.of());
        roundTrip(s, full, GvcSerializersTest::sameRecord);
        SourceRecord back = roundTrip(s, empty, GvcSerializersTest::sameRecord);
        assertNull(back.key());
        assertNull(back.value());
        SourceRecord nulls = roundTrip(s, record(null, null), GvcSerializersTest::sameRecord);
        assertNull(nulls.headers().get(2).value());
        assertArrayEquals(new byte[0], nulls.headers().get(1).value(), "an empty header stays empty, not null");
        everyTruncationFails(s, full);
        wrongVersionFails(s, full, "SourceRecord");
        // version | topic (4+13) | partition | offset | timestamp | key (4+4) | value (4+8) | header count
        int countAt = 1 + 4 + 13 + 4 + 8 + 8 + 8 + 12;
        corruptIntFails(s, full, countAt, 10_001, "headers: count 10001 out of range");
        corruptIntFails(s, full, countAt + 4, -2, "header.key: length -2 out of range");
        corruptIntFails(s, full, 1 + 4 + 13 + 4 + 8 + 8, -5, "key: length -5 out of range");
    }

    @Test
    void deadLetterRoundTrips() throws IOException {
        DeadLetterSerializer s = new DeadLetterSerializer();
        DeadLetter d = new DeadLetter(record("cam1".getBytes(StandardCharsets.UTF_8), PACKET_BYTES),
                "corrupt packet: packet.crc32c: mismatch", "cam1");
        DeadLetter unknown = new DeadLetter(new SourceRecord("t", 0, 0, 0, null, null, List.of()), null, null);
        assertEquals("unknown", unknown.reason());
        roundTrip(s, d, GvcSerializersTest::sameDeadLetter);
        DeadLetter back = roundTrip(s, unknown, GvcSerializersTest::sameDeadLetter);
        assertEquals("", back.stream());
        everyTruncationFails(s, d);
        wrongVersionFails(s, d, "DeadLetter");
    }

    static List<TypeInformation<?>> allTypes() {
        return List.of(GvcTypes.FRAME, GvcTypes.RAW_GOP, GvcTypes.PACKET, GvcTypes.DECODE_TASK, GvcTypes.DECODED,
                GvcTypes.SOURCE_RECORD, GvcTypes.DEAD_LETTER, GvcTypes.ATOM_SEARCH_TASK, GvcTypes.ENCODED_PACKET);
    }

    @Test
    void typeInformationNeverFallsBackToKryo() {
        SerializerConfigImpl noGenerics = new SerializerConfigImpl();
        noGenerics.setGenericTypes(false);
        List<Class<?>> expected = List.of(FrameSerializer.class, RawGopSerializer.class,
                PacketEnvelopeSerializer.class, DecodeTaskSerializer.class, DecodedEnvelopeSerializer.class,
                SourceRecordSerializer.class, DeadLetterSerializer.class, AtomSearchTaskSerializer.class,
                EncodedPacketSerializer.class);
        List<Class<?>> types = List.of(Frame.class, RawGop.class, PacketEnvelope.class, DecodeTask.class,
                DecodedEnvelope.class, SourceRecord.class, DeadLetter.class, AtomSearchTask.class, EncodedPacket.class);
        for (int i = 0; i < expected.size(); i++) {
            TypeInformation<?> t = allTypes().get(i);
            assertEquals(types.get(i), t.getTypeClass());
            assertEquals(expected.get(i), t.createSerializer(new SerializerConfigImpl()).getClass(), t.toString());
            assertEquals(expected.get(i), t.createSerializer(noGenerics).getClass(), t.toString());
            assertTrue(t.createSerializer(noGenerics) instanceof BinarySerializer);
        }
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void snapshotsRestoreAnEqualSerializer() throws IOException {
        for (TypeInformation<?> t : allTypes()) {
            TypeSerializer s = t.createSerializer(new SerializerConfigImpl());
            TypeSerializerSnapshot snap = s.snapshotConfiguration();
            assertEquals(s, snap.restoreSerializer(), t.toString());
            // written into a checkpoint and read back, as Flink does on restore
            DataOutputSerializer out = new DataOutputSerializer(64);
            TypeSerializerSnapshot.writeVersionedSnapshot(out, snap);
            TypeSerializerSnapshot restored = TypeSerializerSnapshot.readVersionedSnapshot(
                    new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
            assertEquals(snap.getClass(), restored.getClass());
            assertEquals(s, restored.restoreSerializer(), t.toString());
            assertTrue(s.snapshotConfiguration().resolveSchemaCompatibility(restored).isCompatibleAsIs(),
                    t + ": restored state is compatible as is");
            assertEquals(s, s.duplicate());
            assertTrue(s.isImmutableType());
            assertEquals(-1, s.getLength());
        }
        // serializers of different types never compare equal (Flink compares them on restore)
        assertNotEquals(new FrameSerializer(), new PacketEnvelopeSerializer());
    }
}
