package io.gvc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gvc.codec.frame.Video;
import io.gvc.codec.frame.Y4mReader;
import io.gvc.codec.metrics.Psnr;
import io.gvc.media.ReadOptions;
import io.gvc.media.VideoReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The CLI as a new user runs it, on a real 176x144 clip: encode, decode, info, bad input. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GvcCliTest {

    Path dir;

    Path clip;
    Path gvc;

    @BeforeAll
    void encodeOnce(@TempDir Path tmp) throws Exception {
        dir = tmp;
        clip = Path.of(System.getProperty("gvc.shared", "../../shared"), "data/video/carphone_pristine.mp4");
        assumeTrue(Files.exists(clip), "shared clip " + clip + " is absent: skipping the CLI tests");
        gvc = dir.resolve("c.gvc");
        assertEquals(0, GvcCli.run("encode", "-i", clip.toString(), "-o", gvc.toString(), "--frames", "65",
                "--bpp", "0.03"));
    }

    @Test
    void encodeLandsNearTheTargetAndDecodesExactlyWhateverTheThreads() throws Exception {
        Path one = dir.resolve("d1.y4m"), two = dir.resolve("d2.y4m");
        assertEquals(0, GvcCli.run("decode", "-i", gvc.toString(), "-o", one.toString(), "--threads", "1"));
        assertEquals(0, GvcCli.run("decode", "-i", gvc.toString(), "-o", two.toString(), "--threads", "2"));
        assertArrayEquals(Files.readAllBytes(one), Files.readAllBytes(two), "decode depends on the thread count");

        Video decoded = Y4mReader.read(one, Integer.MAX_VALUE);
        assertEquals(65, decoded.frameCount());
        assertEquals(176, decoded.format().width());
        assertEquals(144, decoded.format().height());

        JsonNode info = infoJson();
        double bpp = info.get("bpp").asDouble();
        assertTrue(bpp > 0.015 && bpp < 0.045, "bpp " + bpp + " is not within 50% of 0.03");
        assertEquals(bpp / 3, info.get("bpp_per_colour_sample").asDouble(), 1e-12);
        assertEquals(8 * Files.size(gvc), info.get("bits_boundary").asLong() + info.get("bits_atoms").asLong()
                + info.get("bits_side").asLong());
        assertEquals(65, info.get("frames").asInt());
        // the keyframe chain per GOP: with x265 and the default period every last boundary here is predicted
        int gops = info.get("gops").asInt();
        assertEquals(gops, info.get("last_boundary_per_gop").size());
        assertEquals(gops, info.get("anchor_per_gop").size());
        assertEquals(gops, info.get("deviation_scale_per_gop").size());
        assertEquals(gops, info.get("mid_keyframes_per_gop").size());
        for (JsonNode mid : info.get("mid_keyframes_per_gop")) {
            assertTrue(mid.asText().matches("-|\\d+[PIB]( \\d+[PIB])*"), mid.asText());
        }
        assertEquals(gops, info.get("bridge_offsets_per_gop").size());
        for (JsonNode shifts : info.get("bridge_offsets_per_gop")) {
            assertTrue(shifts.asText().matches("-|\\d+:-?\\d+,-?\\d+( \\d+:-?\\d+,-?\\d+)*"), shifts.asText());
        }
        for (JsonNode last : info.get("last_boundary_per_gop")) {
            assertEquals("P", last.asText(), info.toString());
        }
        // every keyframe's quality, by position: the first GOP starts with its intra picture
        assertEquals(gops, info.get("keyframe_qualities_per_gop").size());
        for (int g = 0; g < gops; g++) {
            String q = info.get("keyframe_qualities_per_gop").get(g).asText();
            assertTrue(q.matches((g == 0 ? "0:I\\d+" : "\\d+:[PIB]\\d+") + "( \\d+:[PIB]\\d+)*"), q);
        }
        // where the bytes went: every GOP's packet, and within it every keyframe, by position and kind as the
        // qualities list them; the keyframes' bytes add up to bits_boundary, the packets to the file less its header
        assertEquals(gops, info.get("bytes_per_gop").size());
        assertEquals(gops, info.get("keyframe_bytes_per_gop").size());
        long packets = 0, keyframes = 0;
        for (int g = 0; g < gops; g++) {
            long gop = info.get("bytes_per_gop").get(g).asLong();
            String kb = info.get("keyframe_bytes_per_gop").get(g).asText();
            String q = info.get("keyframe_qualities_per_gop").get(g).asText();
            assertEquals(q.replaceAll(":([PIB])\\d+", ":$1"), kb.replaceAll(":([PIB])\\d+", ":$1"), kb);
            long inGop = 0;
            for (String k : kb.split(" ")) {
                inGop += Long.parseLong(k.substring(k.indexOf(':') + 2));
            }
            assertTrue(inGop < gop, "GOP " + g + ": keyframes " + inGop + " of a " + gop + "-byte packet");
            packets += gop;
            keyframes += inGop;
        }
        assertEquals(info.get("bits_boundary").asLong(), 8 * keyframes);
        long header = io.gvc.codec.bitstream.ContainerCodec.read(Files.readAllBytes(gvc)).headerBytes();
        assertEquals(Files.size(gvc), header + packets);

        // the encoder's stored PSNR is the decoded file's PSNR, to the eighth of a decibel its
        // quarter-decibel codes allow (EncoderPsnr)
        Video source = VideoReader.read(clip, ReadOptions.firstFrames(65));
        double measured = Psnr.sequenceSse(source, decoded).psnrY();
        assertEquals(measured, info.get("psnr_y").asDouble(), 0.13);
    }

    /**
     * Every x265 picture the file carries leaves out the bytes every picture of its kind opens with
     * (bitstream version 15): an intra picture's flag is bit 14 of its parameter-set check, a
     * predicted or between picture's bit 15 of its reference check. The decodes above read them.
     */
    @Test
    void everyKeyframeIsCarriedWithoutItsSlicePrefix() throws Exception {
        var container = io.gvc.codec.bitstream.ContainerCodec.read(Files.readAllBytes(gvc));
        int pictures = 0;
        for (var packet : container.packets()) {
            for (var b : packet.boundaries()) {
                int flags = b.data()[0] & 0xFF;
                assertEquals(b.predicted() ? 0x80 : 0xC0, flags & (b.predicted() ? 0x80 : 0xC0),
                        "GOP " + packet.gopSeq() + " position " + b.position());
                pictures++;
            }
        }
        assertTrue(pictures > container.packets().size(), pictures + " pictures");
    }

    private JsonNode infoJson() throws Exception {
        return infoJson(gvc);
    }

    private JsonNode infoJson(Path file) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, "UTF-8"));
        try {
            assertEquals(0, GvcCli.run("info", file.toString(), "--json"));
        } finally {
            System.setOut(old);
        }
        return new ObjectMapper().readTree(buf.toString("UTF-8"));
    }

    @Test
    void withoutAModelFlf2vCodesWithTheBridgePriorI2vWithTheLearnedAndT2vWithTheReference() throws Exception {
        Path flf = dir.resolve("d-flf2v.gvc"), i2v = dir.resolve("d-i2v.gvc"), t2v = dir.resolve("d-t2v.gvc");
        assertEquals(0, GvcCli.run("encode", "-i", clip.toString(), "-o", flf.toString(), "--frames", "9",
                "--gop", "9", "-M", "2"));
        assertEquals("gvc-learned-bridge-1", infoJson(flf).get("model").asText());
        assertEquals(0, GvcCli.run("encode", "-i", clip.toString(), "-o", i2v.toString(), "--frames", "9",
                "--gop", "9", "-M", "2", "--variant", "i2v"));
        assertEquals("gvc-learned-picture-3", infoJson(i2v).get("model").asText());
        assertEquals(0, GvcCli.run("encode", "-i", clip.toString(), "-o", t2v.toString(), "--frames", "9",
                "--gop", "9", "-M", "2", "--variant", "t2v"));
        assertEquals("gvc-gauss-dct-onnx", infoJson(t2v).get("model").asText());
    }

    @Test
    void aStreamOfTheShippedLearnedModelDecodesWithoutNamingIt() throws Exception {
        Path learned = dir.resolve("l.gvc"), recon = dir.resolve("l-recon.y4m"), out = dir.resolve("l.y4m");
        assertEquals(0, GvcCli.run("encode", "-i", clip.toString(), "-o", learned.toString(), "--frames", "17",
                "--gop", "17", "-M", "4", "--model", "learned", "--recon", recon.toString()));
        JsonNode info = infoJson(learned);
        assertEquals("gvc-learned-picture-3", info.get("model").asText());
        assertTrue(info.get("decodable_here").asBoolean(), "info picks the shipped model the stream names");
        assertEquals(0, GvcCli.run("decode", "-i", learned.toString(), "-o", out.toString()));
        assertArrayEquals(Files.readAllBytes(recon), Files.readAllBytes(out), "decode equals the encoder's reconstruction");
        // --model on a decoder only adds a place to search: the stream still decodes with its own model
        Path again = dir.resolve("l-again.y4m");
        assertEquals(0, GvcCli.run("decode", "-i", learned.toString(), "-o", again.toString(), "--model", "reference"));
        assertArrayEquals(Files.readAllBytes(recon), Files.readAllBytes(again), "decoded with the stream's model");
    }

    /**
     * A stream of a model that is not installed is bad input (exit 3) naming the model id and hash;
     * --model adding the folder that holds the model decodes it. A stream of the shipped pure-Java prior
     * decodes without options (before, decode took FLF2V's default and refused it).
     */
    @Test
    void aStreamWhoseModelIsNotInstalledIsBadInputNamingItsIdAndHash() throws Exception {
        Path models = dir.resolve("models");
        Path mine = Files.createDirectories(models.resolve("mine"));
        String spectrum;
        try (var in = GvcCliTest.class.getResourceAsStream(io.gvc.model.registry.ShippedModels.SPECTRUM_RESOURCE)) {
            spectrum = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        Files.writeString(mine.resolve("prior.txt"), spectrum.replaceFirst("(?m)^fitted_from .*$",
                "fitted_from a model only this test has"));
        Path s = dir.resolve("mine.gvc"), recon = dir.resolve("mine-recon.y4m"), out = dir.resolve("mine.y4m");
        assertEquals(0, GvcCli.run("encode", "-i", clip.toString(), "-o", s.toString(), "--frames", "9", "--gop", "9",
                "-M", "2", "--model", mine.toString(), "--recon", recon.toString()));
        String sha = infoJson(s).get("model_hash").asText();

        IngestCliTest.Run missing = IngestCliTest.gvc("decode", "-i", s.toString(), "-o", out.toString());
        assertEquals(ExitCodes.BAD_INPUT, missing.code(), missing.err());
        assertTrue(missing.err().contains("gvc decode: stream needs model 'gvc-gauss-dct' (sha256 " + sha
                + "...), which is not installed here"), missing.err());
        assertFalse(Files.exists(out), "no output for a stream that cannot be decoded");
        assertFalse(infoJson(s).get("decodable_here").asBoolean());

        assertEquals(0, GvcCli.run("decode", "-i", s.toString(), "-o", out.toString(), "--model", models.toString()));
        assertArrayEquals(Files.readAllBytes(recon), Files.readAllBytes(out), "decoded with the model the folder holds");

        Path java = dir.resolve("java.gvc"), javaRecon = dir.resolve("java-recon.y4m"), javaOut = dir.resolve("java.y4m");
        assertEquals(0, GvcCli.run("encode", "-i", clip.toString(), "-o", java.toString(), "--frames", "9", "--gop", "9",
                "-M", "2", "--model", "java", "--recon", javaRecon.toString()));
        assertEquals(0, GvcCli.run("decode", "-i", java.toString(), "-o", javaOut.toString()));
        assertArrayEquals(Files.readAllBytes(javaRecon), Files.readAllBytes(javaOut));
    }

    @Test
    void corruptTruncatedAndRandomFilesAreBadInput() throws Exception {
        byte[] good = Files.readAllBytes(gvc);
        byte[] corrupt = good.clone();
        corrupt[good.length / 2] ^= 0x5A;
        byte[] random = new byte[4000];
        new java.util.Random(7).nextBytes(random);
        byte[][] cases = {corrupt, java.util.Arrays.copyOf(good, good.length - 100), random, new byte[0]};
        for (int i = 0; i < cases.length; i++) {
            Path bad = dir.resolve("bad" + i + ".gvc");
            Files.write(bad, cases[i]);
            assertEquals(ExitCodes.BAD_INPUT, GvcCli.run("decode", "-i", bad.toString(), "-o",
                    dir.resolve("x.y4m").toString()), "case " + i);
            assertEquals(ExitCodes.BAD_INPUT, GvcCli.run("info", bad.toString()), "case " + i);
        }
        assertEquals(ExitCodes.BAD_INPUT, GvcCli.run("info", dir.resolve("missing.gvc").toString()));
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertEquals(ExitCodes.USAGE, GvcCli.run("encode", "-i", clip.toString()));
        assertEquals(ExitCodes.USAGE, GvcCli.run("encode", "-i", clip.toString(), "-o", "x.gvc", "--variant", "foo"));
    }

    /**
     * Options outside what the bitstream can carry are usage errors named with their range, found
     * before any frame is read: the input here does not even exist, which would be exit 3.
     */
    @Test
    void optionsOutOfRangeAreRefusedBeforeAnyFrameIsRead() throws Exception {
        String missing = dir.resolve("missing.y4m").toString();
        Path out = dir.resolve("never.gvc");
        String[][] cases = {
            {"--frames", "-1", "--frames must be within 1..2147483647, got -1"},
            {"--gop", "100000", "--gop must be within 2..1024, got 100000"},
            {"--latent-downscale", "100", "--latent-downscale must be within 1..64, got 100"},
            {"--prompt", "p".repeat(5000), "--prompt must be at most 4096 bytes of UTF-8, got 5000"},
            {"-K", "2000000", "-K must be within 1..65536, got 2000000"},
            {"-M", "5000", "-M must be within 0..1024, got 5000"},
            {"--quality", "0", "--quality must be within 1..100, got 0"},
        };
        for (String[] c : cases) {
            IngestCliTest.Run r = IngestCliTest.gvc("encode", "-i", missing, "-o", out.toString(), c[0], c[1]);
            assertEquals(ExitCodes.USAGE, r.code(), c[0] + ": " + r.err());
            assertEquals("gvc encode: " + c[2], r.err().strip(), c[0]);
            assertFalse(Files.exists(out), c[0] + " left a file");
        }
        IngestCliTest.Run both = IngestCliTest.gvc("encode", "-i", missing, "-o", out.toString(), "--quality", "30",
                "--keyframe-quality", "40");
        assertEquals(ExitCodes.USAGE, both.code(), both.err());
        assertTrue(both.err().contains("--quality and --keyframe-quality exclude each other"), both.err());
    }

    /** A fixed M whose GOPs would cost a decoder more atom work than their pictures allow is refused before any GOP is coded. */
    @Test
    void aFixedMBeyondTheDecodeWorkBoundIsAUsageError() {
        Path out = dir.resolve("absurd.gvc");
        IngestCliTest.Run r = IngestCliTest.gvc("encode", "-i", clip.toString(), "-o", out.toString(), "--frames", "17",
                "-K", "8192", "-M", "4096", "--latent-downscale", "1", "--model", "java", "--intra", "gvc-dct",
                "--threads", "1");
        assertEquals(ExitCodes.USAGE, r.code(), r.err());
        assertEquals("gvc encode: M 4096 at K 8192 over 10 stochastic steps and 7 coded latent frames of 38016 values "
                + "costs 10900520960 atom draws to decode, above the 3529506816 a 17-frame GOP of 176x144 may cost "
                + "(8192 per picture sample, docs/bitstream.md)", r.err().strip().lines().reduce((a, b) -> b).orElse(""),
                r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void anUnwritableOutputIsBadInputBeforeTheEncodeStarts() throws Exception {
        Path notAFolder = dir.resolve("plain-file");
        Files.writeString(notAFolder, "x");
        Path out = notAFolder.resolve("out.gvc");
        // the input does not exist either: the output is judged first, before anything is read or coded
        IngestCliTest.Run r = IngestCliTest.gvc("encode", "-i", dir.resolve("missing.y4m").toString(), "-o",
                out.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.err());
        assertEquals("gvc encode: --output " + out + ": " + notAFolder.toAbsolutePath() + " is not a folder",
                r.err().strip());
        r = IngestCliTest.gvc("decode", "-i", gvc.toString(), "-o", notAFolder.resolve("d.y4m").toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("is not a folder"), r.err());
        Path folder = Files.createDirectories(dir.resolve("a-folder.gvc"));
        r = IngestCliTest.gvc("encode", "-i", clip.toString(), "-o", folder.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.err());
        assertEquals("gvc encode: --output " + folder + ": is a folder, not a file", r.err().strip());
    }

    @Test
    void aRawYuvEncodesWithSizeAndFpsOrWithTheSizeInItsName() throws Exception {
        Path cisco = clip.resolveSibling("CiscoVT2people_320x192_12fps.yuv");
        assumeTrue(Files.exists(cisco), "shared clip " + cisco + " is absent");
        // three frames of it, under a name that says nothing
        Path raw = dir.resolve("plain.yuv");
        try (var in = Files.newInputStream(cisco)) {
            Files.write(raw, in.readNBytes(3 * 320 * 192 * 3 / 2));
        }
        Path out = dir.resolve("raw.gvc");
        IngestCliTest.Run r = IngestCliTest.gvc("encode", "-i", raw.toString(), "-o", out.toString(), "--size", "320x192",
                "--fps", "12", "--gop", "3", "-M", "2", "--model", "java", "--threads", "1");
        assertEquals(0, r.code(), r.err());
        io.gvc.codec.StreamInfo info = io.gvc.codec.StreamInfo.of(Files.readAllBytes(out));
        assertEquals(3, info.frames());
        assertEquals(320, info.header().config().format().width());
        assertEquals(192, info.header().config().format().height());
        assertEquals(12, info.header().config().format().fpsNum());
        // the name gives size and rate, as for gvc eval
        Path named = dir.resolve("named.gvc");
        r = IngestCliTest.gvc("encode", "-i", cisco.toString(), "-o", named.toString(), "--frames", "3", "--gop", "3",
                "-M", "2", "--model", "java", "--threads", "1");
        assertEquals(0, r.code(), r.err());
        assertArrayEquals(Files.readAllBytes(out), Files.readAllBytes(named));
        // no size at all
        r = IngestCliTest.gvc("encode", "-i", raw.toString(), "-o", dir.resolve("nosize.gvc").toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.err());
        assertEquals("gvc encode: " + raw + ": a raw .yuv needs --size WxH (or the size in its name)", r.err().strip());
    }

    @Test
    void demoRefusesAModelThatIsNeitherAFileNorAShippedName() {
        IngestCliTest.Run r = IngestCliTest.gvc("demo", "--model", "no-such-model", "--seconds", "1");
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.err());
        assertEquals("gvc demo: model no-such-model: no such file or folder, and not a shipped model's name (reference, "
                + "learned, learned-bridge, java)", r.err().strip());
    }
}
