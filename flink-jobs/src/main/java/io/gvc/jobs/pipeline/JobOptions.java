package io.gvc.jobs.pipeline;

import io.gvc.kafka.props.ClientProperties;
import io.gvc.kafka.topics.GvcTopics;
import io.gvc.operators.FailureDrill;
import io.gvc.operators.PriorSource;
import io.gvc.operators.encode.StreamConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.flink.util.ParameterTool;

/**
 * The options of EncodeJob and DecodeJob, as {@code --key value} arguments (Flink's ParameterTool),
 * with their defaults. {@link #HELP} is what {@code --help} prints. They are read where the job's
 * main runs: on the client with {@code flink run}, on the JobManager when the jar is run through
 * the REST API or the web UI (files named here must then exist there).
 *
 * @param checkpointDir where checkpoints go (execution.checkpointing.dir), or null for the cluster's setting
 */
public record JobOptions(ClientProperties kafka, GvcTopics topics, StreamConfig streams, PriorSource prior,
                         int parallelism, int encoders, int decoders, int decoderGpus, Duration checkpointInterval,
                         String checkpointDir, String encodeGroup, String decodeGroup, String transactionalIdPrefix,
                         long maxRawRecordBytes, long maxPacketRecordBytes, int reorderMaxWaiting, Restarts restarts,
                         FailureDrill drill) {

    public static final String HELP = """
            Options (all --key value; defaults in brackets). They and the files they name are read
            where main runs: the client with `flink run`, the JobManager with REST or web-UI submission.
              --bootstrap HOST:PORT        Kafka bootstrap servers (or bootstrap.servers in --kafka-config)
              --kafka-config FILE          Kafka client properties: security.protocol, ssl.*, sasl.* are passed
                                           through as written; gvc.topics.prefix / gvc.topic.<role>.* rename topics
              --stream-config FILE         per-stream coding settings (see StreamConfig): default.bpp,
                                           default.gop-frames, stream.<id>.width/height, streams=... [codec defaults]
              --model NAME|PATH            encode job: the prior every variant codes with: learned, reference or
                                           java (shipped in the jar), or an ONNX model folder/manifest or prior
                                           file on every task manager [each variant's shipped model: learned
                                           for flf2v and i2v, reference for t2v]. Decode job: each packet is
                                           decoded with the model it names; --model only adds a model, or a
                                           folder of model folders, to the shipped models searched
              --device cpu|cuda[:N]        where ONNX models run when Flink assigns no GPU [cpu]
              --parallelism N              parallelism of sources, resolver, reorderers [1]
              --encoders N                 keyframe-chain and atom-search subtasks: streams spread over the
                                           chains (and a stream's periods, with default.independent-periods=
                                           true in --stream-config), one stream's GOPs over the atom searches
                                           [--parallelism]
              --decoders N                 parallel GOP decoders [--parallelism]
              --decoder-gpus N             GPUs each decoder slot asks for (Flink external resource 'gpu';
                                           needs fine-grained resource management on the cluster) [0]
              --codec-threads N            worker threads per encoder/decoder [cores of the machine running
                                           main / parallelism: set it for task managers unlike that machine]
              --checkpoint-interval-ms N   checkpoints; outputs become visible to read_committed readers at each [2000]
              --checkpoint-dir URI         where checkpoints go, kept on failure and cancellation (resume with
                                           flink run -s URI/<job-id>/chk-N) [the cluster's execution.checkpointing.dir]
              --encode-group ID            consumer group of the encode job [gvc-encode]
              --decode-group ID            consumer group of the decode job [gvc-decode]
              --transactional-id-prefix P  prefix of the sinks' Kafka transactional ids [gvc]
              --max-raw-record-bytes N     larger raw-GOP records go to the dead letters [raw topic's limit]
              --reorder-max-waiting N      decoded GOPs one stream may hold back waiting for an earlier one [64]
              --restart-strategy S         cluster: the cluster's restart-strategy; exponential-delay: 1 s doubling
                                           up to --restart-max-backoff-ms, no attempt limit [cluster]
              --restart-max-backoff-ms N   longest wait between restarts with exponential-delay [60000]
              --fail-after-gops N          recovery drill: subtask 0 fails once after N GOPs [0 = off]
            """;

    public static JobOptions parse(String[] args) throws IOException {
        return from(ParameterTool.fromArgs(args));
    }

    public static JobOptions from(ParameterTool p) throws IOException {
        Properties kp = p.has("kafka-config") ? ClientProperties.load(Path.of(p.get("kafka-config"))) : new Properties();
        if (p.has("bootstrap")) {
            kp.setProperty("bootstrap.servers", p.get("bootstrap"));
        }
        if (kp.getProperty("bootstrap.servers") == null) {
            throw new IllegalArgumentException("--bootstrap HOST:PORT is required (or bootstrap.servers in --kafka-config)");
        }
        ClientProperties kafka = ClientProperties.of(kp);
        int parallelism = p.getInt("parallelism", 1);
        int cores = Runtime.getRuntime().availableProcessors();
        StreamConfig streams = p.has("stream-config") ? StreamConfig.load(Path.of(p.get("stream-config")))
                : StreamConfig.defaults();
        streams = streams.withThreads(p.getInt("codec-threads", Math.max(1, cores / parallelism)));
        GvcTopics topics = kafka.topics();
        return new JobOptions(kafka, topics, streams, new PriorSource(p.get("model", null), p.get("device", "cpu")),
                parallelism, p.getInt("encoders", parallelism), p.getInt("decoders", parallelism),
                p.getInt("decoder-gpus", 0),
                Duration.ofMillis(p.getLong("checkpoint-interval-ms", 2000)), p.get("checkpoint-dir", null),
                p.get("encode-group", "gvc-encode"),
                p.get("decode-group", "gvc-decode"), p.get("transactional-id-prefix", "gvc"),
                p.getLong("max-raw-record-bytes", topics.rawGops().maxMessageBytes()),
                p.getLong("max-packet-record-bytes", topics.bitstream().maxMessageBytes()),
                p.getInt("reorder-max-waiting", 64), restarts(p),
                new FailureDrill(p.getInt("fail-after-gops", 0)));
    }

    private static Restarts restarts(ParameterTool p) {
        if (p.has("restart-attempts")) {
            throw new IllegalArgumentException("--restart-attempts is gone: the jobs take the cluster's restart "
                    + "strategy, or --restart-strategy exponential-delay (no attempt limit)");
        }
        String s = p.get("restart-strategy", "cluster");
        return switch (s) {
            case "cluster" -> Restarts.cluster();
            case "exponential-delay" -> Restarts.exponential(Duration.ofMillis(p.getLong("restart-max-backoff-ms", 60_000)));
            default -> throw new IllegalArgumentException("--restart-strategy must be cluster or exponential-delay, got '"
                    + s + "'");
        };
    }

    /**
     * Local mode: the embedded broker, the given streams and parallelism, and GVC's own restart
     * strategy (exponential delay, no attempt limit), since a local cluster has no configuration of its own.
     */
    public static JobOptions local(ClientProperties kafka, GvcTopics topics, StreamConfig streams, PriorSource prior,
                                   int parallelism, Duration checkpointInterval) {
        String p = topics.rawGops().name().replace(GvcTopics.RAW_GOPS, "");
        return new JobOptions(kafka, topics, streams, prior, parallelism, parallelism, parallelism, 0,
                checkpointInterval, null,
                p + "encode", p + "decode", p + "tx", topics.rawGops().maxMessageBytes(),
                topics.bitstream().maxMessageBytes(), 64, Restarts.exponential(), FailureDrill.off());
    }

    public JobOptions withDrill(FailureDrill d) {
        return new JobOptions(kafka, topics, streams, prior, parallelism, encoders, decoders, decoderGpus, checkpointInterval,
                checkpointDir, encodeGroup, decodeGroup, transactionalIdPrefix, maxRawRecordBytes, maxPacketRecordBytes,
                reorderMaxWaiting, restarts, d);
    }

    public JobOptions withMaxRawRecordBytes(long bytes) {
        return new JobOptions(kafka, topics, streams, prior, parallelism, encoders, decoders, decoderGpus, checkpointInterval,
                checkpointDir, encodeGroup, decodeGroup, transactionalIdPrefix, bytes, maxPacketRecordBytes,
                reorderMaxWaiting, restarts, drill);
    }

    /** @param n atom-search subtasks of the encode job */
    public JobOptions withEncoders(int n) {
        return new JobOptions(kafka, topics, streams, prior, parallelism, n, decoders, decoderGpus, checkpointInterval,
                checkpointDir, encodeGroup, decodeGroup, transactionalIdPrefix, maxRawRecordBytes, maxPacketRecordBytes,
                reorderMaxWaiting, restarts, drill);
    }

    public JobOptions withCheckpointDir(String dir) {
        return new JobOptions(kafka, topics, streams, prior, parallelism, encoders, decoders, decoderGpus, checkpointInterval,
                dir, encodeGroup, decodeGroup, transactionalIdPrefix, maxRawRecordBytes, maxPacketRecordBytes,
                reorderMaxWaiting, restarts, drill);
    }
}
