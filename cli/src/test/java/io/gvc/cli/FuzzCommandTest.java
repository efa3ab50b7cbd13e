package io.gvc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** `gvc fuzz` at a few hundred mutations, so the command keeps working; the 10^5 run is in docs/robustness.md. */
class FuzzCommandTest {

    @Test
    void fuzzesEveryShippedPriorWithBothKindsAndEndsWithOnlyTypedErrors() {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            code = GvcCli.run("fuzz", "--mutations", "302", "--jobs", "2");
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        old.println(out);
        assertEquals(ExitCodes.OK, code, out);
        // 302 over 6 runs: the first two take the remainder
        List<String> rows = List.of("java raw 51", "java crc-fixed 51", "reference raw 50", "reference crc-fixed 50",
                "learned raw 50", "learned crc-fixed 50");
        String squeezed = out.replaceAll(" +", " ");
        for (String row : rows) {
            assertTrue(squeezed.contains("\n" + row + " "), "row '" + row + "' in\n" + out);
        }
        for (String line : squeezed.split("\n")) {
            String[] f = line.trim().split(" ");
            if (f.length == 8 && (f[1].equals("raw") || f[1].equals("crc-fixed"))) {
                int mutations = Integer.parseInt(f[2]), decoded = Integer.parseInt(f[3]);
                int refused = Integer.parseInt(f[4]), other = Integer.parseInt(f[5]);
                assertEquals(mutations, decoded + refused, line);
                assertEquals(0, other, line);
                if (f[1].equals("raw")) {
                    assertTrue(refused > 0, "raw mutations are refused at the checksums: " + line);
                }
            }
        }
        // the checksum-fixed ones get past the CRC, to fields behind it
        assertTrue(out.contains("stream.config."), out);
        assertTrue(out.endsWith("result: every mutation was decoded or refused with a BitstreamException\n"), out);
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertEquals(ExitCodes.USAGE, GvcCli.run("fuzz", "--mutations", "0"));
        assertEquals(ExitCodes.USAGE, GvcCli.run("fuzz", "--priors", "java,nonesuch"));
        assertEquals(ExitCodes.USAGE, GvcCli.run("fuzz", "--priors", "java,java"));
        assertEquals(ExitCodes.USAGE, GvcCli.run("fuzz", "--bound-ms", "0"));
        assertEquals(ExitCodes.USAGE, GvcCli.run("fuzz", "--mutations", "3"));
    }
}
