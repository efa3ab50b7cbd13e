package io.gvc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.CodecParams;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI's codec options take their defaults from CodecParams, show them in --help, and check their limits first. */
class CodecDefaultsTest {

    private static final CodecParams D = CodecParams.defaults();

    @Test
    void encodeOptionsDefaultToCodecParams() {
        EncodeCommand c = new EncodeCommand();
        new CommandLine(c).parseArgs("-i", "in.y4m", "-o", "out.gvc");
        assertEquals(D.targetBpp(), c.bpp);
        assertEquals("flf2v", c.variant);
        assertEquals(D.gopFrames(), c.gop);
        assertEquals(D.codebookSize(), c.k);
        assertEquals(D.steps(), c.steps);
        assertEquals(D.tailSteps(), c.tailSteps);
        assertEquals(D.shift(), c.shift);
        assertEquals(D.gScale(), c.gScale);
        assertEquals(D.temporalStride(), c.stride);
        assertEquals(D.latentDownscale(), c.latentDownscale);
        assertEquals(D.prompt(), c.prompt);
        assertEquals(D.intraPeriod(), c.randomAccess.intraPeriod);
        assertEquals(D.independentPeriods(), c.randomAccess.independentPeriods);
        assertEquals(D.maxSegments(), c.keyframePlans.maxSegments);
        assertEquals(D.bridgeRule().id(), c.keyframePlans.bridge);
    }

    @Test
    void theOtherCommandsTakeTheSameDefaultsAndKeepTheirOwn() {
        EvalCommand e = new EvalCommand();
        new CommandLine(e).parseArgs("-i", "a.y4m");
        assertEquals(D.codebookSize(), e.k);
        assertEquals(D.gopFrames(), e.gop);
        assertEquals(D.maxSegments(), e.keyframePlans.maxSegments);
        assertEquals(D.bridgeRule().id(), e.keyframePlans.bridge);
        assertNull(e.bpps, "eval's --bpp ladder is its own (EvalCommand.DEFAULT_BPPS where --quality is not given), "
                + "not the codec's single target");

        DemoCommand demo = new DemoCommand();
        new CommandLine(demo).parseArgs();
        assertEquals(D.targetBpp(), demo.bpp);

        IngestCommand ingest = new IngestCommand();
        new CommandLine(ingest).parseArgs("--synthetic");
        assertEquals(D.gopFrames(), ingest.gopFrames);
        assertEquals("flf2v", ingest.variant);
    }

    @Test
    void helpShowsTheDefaultsAsAUserTypesThem() {
        String help = new CommandLine(new EncodeCommand()).getUsageMessage(CommandLine.Help.Ansi.OFF)
                .replaceAll("\\s+", " ");
        assertTrue(help.contains("(default: 1024)"), help);
        assertTrue(help.contains("Time-grid shift (default: 3)"), help);
        assertTrue(help.contains("(default: 0.03)"), help);
        assertTrue(help.contains("1 = every boundary intra (default: 8)"), help);
        assertEquals("3", CodecDefaults.text(3f));
        assertEquals("0.03", CodecDefaults.text(0.03));
        assertEquals("1024", CodecDefaults.text(1024));
    }

    /** gvc eval ran -K 2000000 (minutes per point) and an unreadable --gop until the clip was coded. */
    @Test
    void evalChecksItsCodecOptionsBeforeReadingAnything(@TempDir Path out) {
        String missing = out.resolve("missing.y4m").toString();
        String o = out.resolve("x").toString();
        String[][] cases = {
            {"-K", "2000000", "-K must be within 1..65536, got 2000000"},
            {"--gop", "100000", "--gop must be within 2..1024, got 100000"},
            {"--max-segments", "9", "--max-segments must be within 1..8, got 9"},
        };
        for (String[] c : cases) {
            IngestCliTest.Run r = IngestCliTest.gvc("eval", "-i", missing, "--no-lpips", "--out", o, c[0], c[1]);
            assertEquals(ExitCodes.USAGE, r.code(), c[0] + ": " + r.err());
            assertEquals("gvc eval: " + c[2], r.err().strip(), c[0]);
        }
        assertFalse(Files.exists(out.resolve("x/points.jsonl")));
    }

    /** gvc ingest took any --gop-frames and published GOPs no encoder can code. */
    @Test
    void ingestChecksTheGopLengthBeforeAnyKafkaCall() {
        IngestCliTest.Run r = IngestCliTest.gvc("ingest", "--synthetic", "--gop-frames", "100000", "--bootstrap",
                "127.0.0.1:1");
        assertEquals(ExitCodes.USAGE, r.code(), r.err());
        assertEquals("gvc ingest: --gop-frames must be within 2..1024, got 100000", r.err().strip());
        r = IngestCliTest.gvc("ingest", "--synthetic", "--variant", "t2v", "--gop-frames", "0", "--bootstrap",
                "127.0.0.1:1");
        assertEquals("gvc ingest: --gop-frames must be within 1..1024, got 0", r.err().strip());
    }
}
