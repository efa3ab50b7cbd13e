package io.gvc.kafka.formats;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The record headers GVC sets. Every value is UTF-8 text (numbers in decimal), so that
 * {@code kafka-console-consumer --property print.headers=true} shows them as they are. Headers
 * repeat what the value says, for routing and triage without parsing 50 MB; the value is the
 * authority, and the readers here are lenient: an absent or unparsable header reads as empty.
 */
public final class GvcHeaders {

    /** Value format and version, e.g. {@code raw-gop/1}, {@code decoded-gop/1}, {@code gvc-packet/1}. */
    public static final String FORMAT_VERSION = "gvc.format-version";
    /** Stream id (also the record key). */
    public static final String STREAM = "gvc.stream";
    /** GOP sequence number, decimal. */
    public static final String GOP_SEQ = "gvc.gop-seq";
    /** Capture time of the GOP's first frame, microseconds since the epoch, decimal. */
    public static final String CAPTURE_TS = "gvc.capture-ts";
    /**
     * Decoded GOPs only, and only when set: the GOP was decoded from a stand-in for its shared first
     * frame because the GOP before it never arrived (text says which frame stood in).
     */
    public static final String CONCEALED = "gvc.concealed";
    /** Dead letters only: why the record was refused. */
    public static final String ERROR = "gvc.error";
    /** Dead letters only: the topic the refused record was read from. */
    public static final String SOURCE_TOPIC = "gvc.source-topic";
    /** Dead letters only: the partition the refused record was read from, decimal. */
    public static final String SOURCE_PARTITION = "gvc.source-partition";
    /** Dead letters only: the offset of the refused record, decimal. */
    public static final String SOURCE_OFFSET = "gvc.source-offset";

    /** Longest error reason kept in a header, in characters; longer ones are cut with "...". */
    public static final int MAX_ERROR_CHARS = 1000;

    private GvcHeaders() {
    }

    /** Sets {@code key} to {@code value}, replacing any earlier value of that key. */
    public static Headers set(Headers headers, String key, String value) {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    /** The last value of {@code key}, decoded as UTF-8. */
    public static Optional<String> get(Headers headers, String key) {
        Header h = headers.lastHeader(key);
        return h == null || h.value() == null
                ? Optional.empty() : Optional.of(new String(h.value(), StandardCharsets.UTF_8));
    }

    public static OptionalLong getLong(Headers headers, String key) {
        Optional<String> s = get(headers, key);
        if (s.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(s.get().trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    public static Headers setFormat(Headers headers, String formatName, int version) {
        return set(headers, FORMAT_VERSION, formatName + "/" + version);
    }

    /** Stream, GOP sequence and capture time: the headers every GOP-level record carries. */
    public static Headers setGop(Headers headers, String streamId, long gopSeq, long captureTimeMicros) {
        set(headers, STREAM, streamId);
        set(headers, GOP_SEQ, Long.toString(gopSeq));
        return set(headers, CAPTURE_TS, Long.toString(captureTimeMicros));
    }

    public static Headers forRawGop(Headers headers, RawGop gop) {
        setFormat(headers, RawGopFormat.NAME, RawGopFormat.VERSION);
        return setGop(headers, gop.streamId(), gop.gopSeq(), gop.captureTimeMicros());
    }

    public static Headers forDecodedGop(Headers headers, DecodedGop gop) {
        setFormat(headers, DecodedGopFormat.NAME, DecodedGopFormat.VERSION);
        return setGop(headers, gop.streamId(), gop.gopSeq(), gop.captureTimeMicros());
    }

    /** Headers of a GvcPacket record; the packet format version is the codec's. */
    public static Headers forPacket(Headers headers, int packetVersion, String streamId, long gopSeq,
                                    long captureTimeMicros) {
        setFormat(headers, GvcPacketFormat.NAME, packetVersion);
        return setGop(headers, streamId, gopSeq, captureTimeMicros);
    }

    /** Marks {@code headers} as a dead letter; the original headers stay. */
    public static Headers setDeadLetter(Headers headers, String reason, String sourceTopic, int partition,
                                        long offset) {
        set(headers, ERROR, truncate(reason == null ? "unknown" : reason));
        set(headers, SOURCE_TOPIC, sourceTopic);
        set(headers, SOURCE_PARTITION, Integer.toString(partition));
        return set(headers, SOURCE_OFFSET, Long.toString(offset));
    }

    /**
     * The dead letter for a refused record: same key, value and headers, plus the error and the
     * source coordinates. {@code reason} is typically a {@link RecordFormatException}'s message.
     */
    public static ProducerRecord<byte[], byte[]> deadLetter(String deadLetterTopic,
                                                            ConsumerRecord<byte[], byte[]> refused,
                                                            String reason) {
        Headers headers = new RecordHeaders(refused.headers().toArray());
        setDeadLetter(headers, reason, refused.topic(), refused.partition(), refused.offset());
        return new ProducerRecord<>(deadLetterTopic, null, refused.key(), refused.value(), headers);
    }

    public static Optional<String> format(Headers h) {
        return get(h, FORMAT_VERSION);
    }

    public static Optional<String> stream(Headers h) {
        return get(h, STREAM);
    }

    public static OptionalLong gopSeq(Headers h) {
        return getLong(h, GOP_SEQ);
    }

    public static OptionalLong captureTs(Headers h) {
        return getLong(h, CAPTURE_TS);
    }

    public static Optional<String> error(Headers h) {
        return get(h, ERROR);
    }

    public static Optional<String> sourceTopic(Headers h) {
        return get(h, SOURCE_TOPIC);
    }

    public static OptionalInt sourcePartition(Headers h) {
        OptionalLong v = getLong(h, SOURCE_PARTITION);
        return v.isPresent() && v.getAsLong() >= Integer.MIN_VALUE && v.getAsLong() <= Integer.MAX_VALUE
                ? OptionalInt.of((int) v.getAsLong()) : OptionalInt.empty();
    }

    public static OptionalLong sourceOffset(Headers h) {
        return getLong(h, SOURCE_OFFSET);
    }

    static String truncate(String s) {
        return s.length() <= MAX_ERROR_CHARS ? s : s.substring(0, MAX_ERROR_CHARS - 3) + "...";
    }
}
