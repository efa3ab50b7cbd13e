package io.gvc.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gvc.cli.GvcCli;
import io.gvc.codec.StreamInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code gvc demo} end to end, small: embedded broker, local Flink cluster with its dashboard,
 * synthetic scene, report. Its own class (and fork, see the pom) because it starts a real cluster.
 */
class DemoCommandTest {

    @Test
    void demoRunsThePipelineAndItsReportAgreesWithTheBitstream() throws Exception {
        Path out = Path.of("target", "demo-test");
        // --model learned: the shipped model by name, as the help offers (FLF2V's default model anyway)
        int code = GvcCli.run("demo", "--seconds", "2", "--size", "96x64", "--no-realtime", "--port", "18081-18099",
                "--checkpoint-ms", "300", "--out", out.toString(), "--model", "learned");
        assertEquals(0, code);
        JsonNode r = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        // 2 s at 25 fps = 50 frames, cut into GOPs of the default length sharing their boundaries
        // (4 GOPs of 17: frames 0-16, 16-32, 32-48, 48-49)
        int gops = (int) new io.gvc.codec.GopPartition(io.gvc.codec.variant.Variant.FLF2V,
                io.gvc.codec.CodecParams.DEFAULT_GOP_FRAMES, 50).gopCount();
        assertEquals(4, gops);
        assertEquals(gops, r.get("gops_ingested").asInt());
        assertEquals(gops, r.get("gops_decoded").asInt());
        for (String key : new String[] {"bpp", "psnr_y", "latency_ms_p50", "latency_ms_p99"}) {
            assertTrue(r.get(key).isNumber(), key + " is a number: " + r.get(key));
        }
        assertTrue(r.get("dashboard_overview").asText().contains("taskmanagers"), r.get("dashboard_overview").asText());
        // per-stream metrics as the dashboard shows them, read through its REST API while the jobs ran; the
        // demo waits (up to 60 s) until the dashboard shows every GOP, so these hold however loaded the machine
        JsonNode metrics = r.get("dashboard_stream_metrics");
        assertEquals(gops, metrics.get("PacketReorderer.stream.cam1.gopsEncoded").asDouble(), metrics.toString());
        assertEquals(gops, metrics.get("Reorderer.stream.cam1.gopsReleased").asDouble(), metrics.toString());
        assertTrue(metrics.has("Reorderer.stream.cam1.latencyMs_p99"), metrics.toString());
        // what `gvc info` says of the written bitstream is what the report says
        StreamInfo info = StreamInfo.of(Files.readAllBytes(out.resolve("cam1.gvc")));
        assertEquals(info.bpp(), r.get("bpp").asDouble(), 0.0);
        JsonNode cam1 = r.get("streams").get(0);
        assertEquals(info.encoderSse().psnrY(), cam1.get("psnr_y_encoder").asDouble(), 0.0);
        // the decoder output equals the encoder's own reconstruction, so both PSNRs agree, to the
        // eighth of a decibel the stored quarter-decibel codes allow (EncoderPsnr)
        assertEquals(cam1.get("psnr_y_encoder").asDouble(), cam1.get("psnr_y").asDouble(), 0.13);
        assertEquals(50, cam1.get("frames_decoded").asInt());
        for (String f : new String[] {"cam1-decoded.y4m", "cam1-decoded.mp4", "cam1-side-by-side.png", "report.txt"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
    }
}
