package io.gvc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gvc.cli.demo.DemoOptions;
import io.gvc.cli.demo.LiveDemo;
import io.gvc.cli.ingest.FrameSource;
import io.gvc.codec.frame.Frame;
import io.gvc.model.colour.YuvRgb;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.Test;

/**
 * The preview page of {@code gvc serve}, opened in a real headless Chromium on a real demo run
 * (embedded Kafka, local Flink, the shipped model): the decoded stream plays through hls.js with
 * no media error for more than 2 s, every chart holds a point per GOP, the source's matching frame
 * (from gvc.raw-gops) is shown beside the video while it plays and is the demo's source picture of
 * that frame, and a screenshot is kept in target/preview-screenshot.png. The HLS files the demo wrote hold every decoded frame.
 *
 * <p>Needs Chromium: .ci/run installs Debian's and sets GVC_REQUIRE_BROWSER=1, so in CI a missing
 * browser fails the test; elsewhere it is skipped with a message.
 */
class LivePreviewBrowserTest {

    static final int SECONDS = 4;
    static final ObjectMapper JSON = new ObjectMapper();
    static final String STATE = "(() => { const v = document.querySelector('video'); const p = window.gvcPreview;"
            + " return JSON.stringify({ video: !!v, t: v ? v.currentTime : -1,"
            + " error: v && v.error ? v.error.code + ' ' + v.error.message : null,"
            + " page: !!p, errors: p ? p.errors : [], charts: p ? p.chartPoints : {},"
            + " mse: typeof Hls !== 'undefined' && Hls.isSupported(),"
            + " source: (() => { const e = p && p.streams.cam1; const img = document.querySelector('img.source');"
            + "   return { width: img ? img.naturalWidth : -1, loaded: e ? e.source.loaded : null,"
            + "     shown: e ? e.source.shown : 0, missing: e ? e.source.missing : 0 }; })() }); })()";
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void thePreviewPagePlaysTheDemoInARealBrowser() throws Exception {
        Path chromium = HeadlessChromium.find();
        if (chromium == null) {
            String why = "Chromium is absent (apt-get install -y chromium, or set GVC_CHROMIUM=/path/to/chrome)";
            if ("1".equals(System.getenv("GVC_REQUIRE_BROWSER"))) {
                fail(why + ", and GVC_REQUIRE_BROWSER=1 requires the browser test");
            }
            assumeTrue(false, why + ": skipping the browser test");
        }
        Path out = Path.of("target", "preview-demo");
        DemoOptions o = new DemoOptions(null, 1, SECONDS, out, 1, false, "0", 96, 64, 25, null,
                Duration.ofMillis(300), Duration.ofSeconds(600), 2, 0.03, 0, 600);
        LiveDemo demo = new LiveDemo(o, System.out);
        CompletableFuture<Map<String, Object>> run = CompletableFuture.supplyAsync(() -> {
            try {
                return demo.run();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        CompletableFuture.anyOf(run, demo.serving()).get(15, TimeUnit.MINUTES);
        assertTrue(demo.serving().isDone(), "the demo ended without serving its page");
        URI page = demo.serving().get();
        int gops = (int) new io.gvc.codec.GopPartition(io.gvc.codec.variant.Variant.FLF2V,
                io.gvc.codec.CodecParams.DEFAULT_GOP_FRAMES, SECONDS * 25).gopCount();

        Path profile = Path.of("target", "chromium-profile-" + ProcessHandle.current().pid());
        try (HeadlessChromium browser = new HeadlessChromium(chromium, profile, 1280, 900)) {
            browser.navigate(page);
            JsonNode state = null;
            double first = -1;
            double sourceSeenAt = -1;
            long sourceFrame = -1;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline) {
                state = JSON.readTree(browser.eval(STATE).asText());
                assertTrue(state.path("errors").isEmpty(), "page errors: " + state);
                assertTrue(state.path("error").isNull(), "media error: " + state);
                if (state.path("video").asBoolean()) {
                    if (first < 0) {
                        first = state.path("t").asDouble();
                    }
                    JsonNode source = state.path("source");
                    if (source.path("width").asInt() == 96 && source.path("loaded").isIntegralNumber()
                            && state.path("t").asDouble() > first) {
                        // a source picture is shown beside the video, which has moved on: it plays
                        sourceSeenAt = state.path("t").asDouble();
                        sourceFrame = source.path("loaded").asLong();
                    }
                    if (state.path("t").asDouble() > first + 2.0 && chartsFull(state, gops)
                            && sourceSeenAt > first) {
                        break;
                    }
                }
                Thread.sleep(250);
            }
            assertNotNull(state);
            assertTrue(state.path("page").asBoolean(), "the page's script ran: " + state);
            assertTrue(state.path("mse").asBoolean(), "hls.js finds Media Source Extensions: " + state);
            assertTrue(state.path("t").asDouble() > first + 2.0, "the video played on by more than 2 s from "
                    + first + ": " + state);
            assertTrue(chartsFull(state, gops), "every chart holds a point per GOP (" + gops + "): " + state);
            assertTrue(sourceSeenAt > first, "a source frame (96 px wide) was shown beside the playing video after "
                    + first + " s: " + state);
            assertTrue(sourceFrame >= 0 && sourceFrame < SECONDS * 25, "source frame " + sourceFrame);
            assertSourcePicture(page, sourceFrame);
            Path png = Path.of("target", "preview-screenshot.png");
            Files.write(png, browser.screenshot());
            BufferedImage shot = ImageIO.read(png.toFile());
            assertEquals(1280, shot.getWidth(), "screenshot " + png);
        } finally {
            demo.stopServing();
        }
        Map<String, Object> report = run.get(5, TimeUnit.MINUTES);
        assertEquals(gops, ((Number) report.get("gops_decoded")).intValue(), report.toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> cam1 = ((List<Map<String, Object>>) report.get("streams")).get(0);
        int frames = ((Number) cam1.get("frames_decoded")).intValue();
        assertEquals(SECONDS * 25, frames);
        assertEquals(frames, ((Number) cam1.get("hls_frames")).intValue());
        // what a player reads from the files: FFmpeg's HLS demuxer decodes every frame
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(out.resolve("hls/cam1/index.m3u8").toString())) {
            g.start();
            int n = 0;
            while (g.grabImage() != null) {
                n++;
            }
            assertEquals(frames, n);
        }
    }

    /**
     * The page's source picture of {@code frame} is the demo's own source picture of that frame (cam1
     * is the synthetic scene, seed 1), in full-range BT.601, and a frame past the end is refused.
     */
    private static void assertSourcePicture(URI page, long frame) throws Exception {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(page.resolve("streams/cam1/source.png?frame=" + frame))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), new String(r.body()));
        BufferedImage png = ImageIO.read(new java.io.ByteArrayInputStream(r.body()));
        Frame expected = FrameSource.synthetic(96, 64, 25, 1, SECONDS * 25, 1).frame(frame);
        float[] rgb = YuvRgb.toRgb(expected);
        int n = 96 * 64;
        for (int i = 0; i < n; i++) {
            int want = channel(rgb[i]) << 16 | channel(rgb[n + i]) << 8 | channel(rgb[2 * n + i]);
            assertEquals(want, png.getRGB(i % 96, i / 96) & 0xFFFFFF, "frame " + frame + " pixel " + i);
        }
        HttpResponse<String> gone = HTTP.send(HttpRequest.newBuilder(page.resolve("streams/cam1/source.png?frame="
                + SECONDS * 25)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, gone.statusCode());
        assertTrue(gone.body().contains("not (or no longer) retained"), gone.body());
    }

    private static int channel(float unit) {
        return Math.max(0, Math.min(255, Math.round((unit + 1f) * 127.5f)));
    }

    /** Whether the rate and quality charts hold exactly a point per GOP and the others at least one per GOP. */
    private static boolean chartsFull(JsonNode state, int gops) {
        JsonNode c = state.path("charts").path("cam1");
        for (String exact : new String[] {"bpp", "bits", "psnr"}) {
            if (c.path(exact).asInt() != gops) {
                return false;
            }
        }
        return c.path("latency").asInt() >= gops && c.path("deadLetters").asInt() >= gops;
    }
}
