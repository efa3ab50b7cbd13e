package io.gvc.operators.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.CodecParams;
import io.gvc.codec.rate.BridgeRule;
import io.gvc.codec.variant.Variant;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stream config file: keys, values, per-stream overrides, and what it refuses at job build time. */
class StreamConfigTest {

    static String refusal(String key, String value) {
        return assertThrows(IllegalArgumentException.class, () -> StreamConfig.defaults().with(key, value))
                .getMessage();
    }

    @Test
    void defaultsAreTheCodecDefaults() {
        StreamConfig c = StreamConfig.defaults();
        CodecParams expected = CodecParams.defaults().withThreads(1);
        assertEquals(expected, c.settings("cam1").params());
        assertEquals(1, c.threads());
        assertFalse(c.settings("cam1").fixesResolution());
        assertTrue(c.accepts("anything"));
    }

    @Test
    void unknownKeysAreRefused() {
        assertEquals("stream config: unknown key 'bpp' (expected default.<setting>, stream.<id>.<setting> or streams)",
                refusal("bpp", "0.1"));
        assertEquals("stream config: unknown key 'stream.cam1' (expected default.<setting>, stream.<id>.<setting> "
                + "or streams)", refusal("stream.cam1", "x"));
        assertEquals("stream config: unknown setting 'colour' in 'default.colour' (known: [bpp, bridge, gop-frames, height, independent-periods, intra, "
                + "intra-period, keyframe-quality, m, max-segments, prompt, quality, variant, width])", refusal("default.colour", "red"));
        assertEquals("stream config: unknown setting 'fps' in 'stream.cam1.fps' (known: [bpp, bridge, gop-frames, height, independent-periods, intra, "
                + "intra-period, keyframe-quality, m, max-segments, prompt, quality, variant, width])", refusal("stream.cam1.fps", "25"));
    }

    @Test
    void i2vIsRefusedWithTheReason() {
        String why = "variant i2v cannot run live: an I2V GOP starts from the previous GOP's generated last frame, "
                + "so GOPs could not be decoded in parallel; use flf2v or t2v";
        assertEquals(why, refusal("default.variant", "i2v"));
        assertEquals(why, refusal("stream.cam1.variant", "I2V"));
        assertEquals("unknown variant 'h264' (flf2v or t2v)", refusal("default.variant", "h264"));
        assertEquals(Variant.T2V, StreamConfig.defaults().with("default.variant", "t2v").settings("x").params()
                .variant());
        assertEquals(Variant.FLF2V, StreamConfig.defaults().with("default.variant", " FLF2V ").settings("x").params()
                .variant());
    }

    @Test
    void numbersAreParsed() {
        StreamConfig c = StreamConfig.defaults().with("default.bpp", "0.05").with("default.m", "16")
                .with("default.gop-frames", "9").with("default.keyframe-quality", "80")
                .with("default.prompt", "a football match").with("stream.cam1.width", "1280")
                .with("stream.cam1.height", "720").with("default.intra-period", "4")
                .with("stream.cam1.max-segments", "2").with("stream.cam1.bridge", " Sharp ")
                .with("stream.cam1.independent-periods", " true");
        CodecParams p = c.settings("cam1").params();
        assertEquals(true, p.independentPeriods());
        assertEquals(false, c.settings("cam2").params().independentPeriods());
        assertEquals(BridgeRule.SHARP, p.bridgeRule());
        assertEquals(CodecParams.DEFAULT_BRIDGE_RULE, c.settings("cam2").params().bridgeRule());
        assertEquals(4, p.intraPeriod());
        assertEquals(2, p.maxSegments());
        assertEquals(CodecParams.DEFAULT_MAX_SEGMENTS, c.settings("cam2").params().maxSegments());
        assertEquals(0.05, p.targetBpp());
        assertEquals(16, p.m());
        assertEquals(9, p.gopFrames());
        assertEquals(80, p.keyframeQuality());
        assertEquals("a football match", p.prompt());
        StreamSettings s = c.settings("cam1");
        assertEquals(1280, s.width());
        assertEquals(720, s.height());
        assertTrue(s.fixesResolution());
        // empty m and keyframe quality mean "rate control chooses"
        CodecParams rc = StreamConfig.defaults().with("default.m", "").with("default.keyframe-quality", "")
                .settings("x").params();
        assertNull(rc.m());
        assertNull(rc.keyframeQuality());
        assertNull(rc.targetQuality(), "a target rate by default");
        // constant quality for one stream, the others at the target rate
        StreamConfig held = StreamConfig.defaults().with("stream.cam1.quality", " 30 ");
        assertEquals(30, held.settings("cam1").params().targetQuality());
        assertNull(held.settings("cam2").params().targetQuality());
        assertEquals("stream config quality must be within 1..100, got 0",
                assertThrows(IllegalArgumentException.class,
                        () -> StreamConfig.defaults().with("default.quality", "0").settings("x")).getMessage());
    }

    @Test
    void badNumbersAreRefused() {
        assertEquals("stream config: not a number: For input string: \"fast\"", refusal("default.bpp", "fast"));
        assertEquals("stream config: not a number: For input string: \"1.5\"", refusal("stream.cam3.m", "1.5"));
        assertEquals("stream config: not a number: For input string: \"wide\"", refusal("stream.cam3.width", "wide"));
        assertEquals("stream config gop-frames must be within 2..1024, got 1", refusal("default.gop-frames", "1"));
        // the bitstream's limits (codec/bitstream/Limits), refused when the job is built, not on the first GOP
        assertEquals("stream config gop-frames must be within 2..1024, got 100000",
                refusal("stream.cam1.gop-frames", "100000"));
        assertEquals("stream config m must be within 0..1024, got 5000", refusal("default.m", "5000"));
        assertEquals("stream config prompt must be at most 4096 bytes of UTF-8, got 5000",
                refusal("default.prompt", "p".repeat(5000)));
        assertEquals("stream config max-segments must be within 1..8, got 9", refusal("default.max-segments", "9"));
        assertEquals("unknown bridge rule 'soft' (auto, blend or sharp)", refusal("default.bridge", "soft"));
        assertEquals("stream config intra-period must be within 1..1048576, got 0",
                refusal("stream.cam1.intra-period", "0"));
        assertEquals("stream config independent-periods must be true or false, got 'yes'",
                refusal("stream.cam1.independent-periods", "yes"));
        assertEquals("keyframe quality must be 1..100, got 0", refusal("stream.cam1.keyframe-quality", "0"));
        assertEquals("target bpp must be positive, got -0.1", refusal("default.bpp", "-0.1"));
        assertEquals("stream config width must be within 1..8192, got -64", refusal("stream.cam1.width", "-64"));
        assertEquals("stream config height must be within 1..8192, got 100000", refusal("default.height", "100000"));
    }

    @Test
    void perStreamSettingsOverrideTheDefaults() {
        StreamConfig c = StreamConfig.defaults().with("default.bpp", "0.03").with("default.gop-frames", "17")
                .with("stream.cam1.bpp", "0.1").with("stream.cam.2.gop-frames", "5").with("stream.cam1.width", "64");
        assertEquals(0.1, c.settings("cam1").params().targetBpp());
        assertEquals(17, c.settings("cam1").params().gopFrames());
        assertEquals(0.03, c.settings("cam2").params().targetBpp());
        assertEquals(5, c.settings("cam.2").params().gopFrames(), "stream ids may contain dots");
        assertEquals(17, c.settings("cam2").params().gopFrames());
        assertEquals(64, c.settings("cam1").width());
        assertFalse(c.settings("cam1").fixesResolution(), "width without height fixes nothing");
        assertEquals(0, c.settings("cam2").width());
    }

    @Test
    void allowList() {
        StreamConfig c = StreamConfig.defaults().with("streams", " cam1 ,cam2");
        assertTrue(c.accepts("cam1"));
        assertTrue(c.accepts("cam2"));
        assertFalse(c.accepts("cam3"));
        assertFalse(c.accepts("cam"));
        assertTrue(StreamConfig.defaults().with("streams", " ").accepts("cam3"), "a blank list allows every stream");
    }

    @Test
    void threads() {
        StreamConfig c = StreamConfig.defaults().with("default.bpp", "0.05").withThreads(3);
        assertEquals(3, c.threads());
        assertEquals(3, c.settings("x").params().threads());
        assertEquals(0.05, c.settings("x").params().targetBpp(), "withThreads keeps the settings");
        assertEquals(3, c.with("default.m", "8").threads(), "with keeps the thread count");
        assertThrows(IllegalArgumentException.class, () -> c.withThreads(0));
    }

    @Test
    void loadsAPropertiesFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("streams.properties");
        Files.writeString(f, """
                # every stream
                default.bpp = 0.04 \s
                default.gop-frames=33
                stream.cam1.width=1280
                stream.cam1.height=720
                streams=cam1,cam2
                """, StandardCharsets.UTF_8);
        StreamConfig c = StreamConfig.load(f);
        assertEquals(0.04, c.settings("cam2").params().targetBpp(), "values are trimmed");
        assertEquals(1280, c.settings("cam1").width());
        assertFalse(c.accepts("cam3"));

        Properties bad = new Properties();
        bad.setProperty("default.varient", "t2v");
        assertThrows(IllegalArgumentException.class, () -> StreamConfig.of(bad));
    }

    @Test
    void survivesJavaSerialization() throws Exception {
        // the config travels inside the job graph
        StreamConfig c = StreamConfig.defaults().with("stream.cam1.bpp", "0.07").with("streams", "cam1").withThreads(2);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(b)) {
            out.writeObject(c);
        }
        StreamConfig back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(b.toByteArray()))) {
            back = (StreamConfig) in.readObject();
        }
        assertEquals(c.settings("cam1"), back.settings("cam1"));
        assertEquals(2, back.threads());
        assertFalse(back.accepts("cam2"));
        assertEquals(c.toString(), back.toString());
    }
}
