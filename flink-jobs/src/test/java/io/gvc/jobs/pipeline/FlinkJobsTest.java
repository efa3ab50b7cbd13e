package io.gvc.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The job jar's main class, called in this JVM: a System.exit in it would end the test run (and,
 * on a session cluster, the JobManager that runs it for a web-UI or REST submission).
 */
class FlinkJobsTest {

    @Test
    void withoutArgumentsPrintsTheEntryClassesAndReturns() throws Exception {
        String out = capture(new String[0]);
        assertTrue(out.contains("-c io.gvc.jobs.pipeline.EncodeJob") && out.contains("-c io.gvc.jobs.pipeline.DecodeJob"), out);
        assertEquals(out, capture(new String[] {"--help"}));
    }

    @Test
    void dispatchesToTheJobNamedFirst() throws Exception {
        assertTrue(capture(new String[] {"encode", "--help"}).startsWith("EncodeJob: raw GOPs from Kafka"));
        assertTrue(capture(new String[] {"decode", "--help"}).startsWith("DecodeJob: GVC packets from Kafka"));
    }

    @Test
    void anUnknownJobIsAnErrorNotAnExit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FlinkJobs.main(new String[] {"transcode"}));
        assertTrue(e.getMessage().startsWith("unknown job 'transcode': expected encode or decode"), e.getMessage());
    }

    private static String capture(String[] args) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            FlinkJobs.main(args);
        } finally {
            System.setOut(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
