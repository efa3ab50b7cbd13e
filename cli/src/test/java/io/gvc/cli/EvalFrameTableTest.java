package io.gvc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gvc.codec.bitstream.BoundaryPicture;
import io.gvc.codec.bitstream.ContainerCodec;
import io.gvc.codec.bitstream.GvcPacket;
import io.gvc.codec.frame.Y4mWriter;
import io.gvc.scene.SyntheticScene;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `gvc eval` writes, next to every point, its quality frame by frame with what each frame of a GVC
 * stream is (frames/&lt;file&gt;_frames.csv): read back against the stream's own packets, for a point
 * with atoms (its in-between frames generated) and a gvc-m0 point (bridged); one chart of it per GVC
 * point in the report.
 */
class EvalFrameTableTest {

    @Test
    void everyFrameOfEveryPointIsDescribedAsItsStreamCodesIt(@TempDir Path dir) throws Exception {
        Path clip = dir.resolve("scene_176x144.y4m");
        Y4mWriter.write(clip, SyntheticScene.render(176, 144, 25, 1, 17, 12));
        Path out = dir.resolve("out");
        String err = EvalCommandTest.runCapturingStderr("eval", "-i", clip.toString(), "--gop", "9", "--variants",
                "flf2v", "--m", "8", "--bpp", "0.03", "--baselines", "gvc-m0", "--m0-bpp", "0.03", "--no-lpips",
                "--threads", "2", "--out", out.toString());
        JsonNode points = new ObjectMapper().readTree(out.resolve("results.json").toFile()).get("points");
        assertEquals(2, points.size(), err);
        for (JsonNode point : points) {
            Path file = out.resolve(point.get("file").asText());
            String name = file.getFileName().toString();
            Path table = file.resolveSibling("frames").resolve(name.substring(0, name.lastIndexOf('.')) + "_frames.csv");
            List<String> rows = Files.readAllLines(table);
            assertEquals("frame,kind,bytes,psnr_y,lpips", rows.get(0));
            assertEquals(17, rows.size() - 1, table.toString());
            String[][] cells = new String[17][];
            for (int i = 0; i < 17; i++) {
                cells[i] = rows.get(i + 1).split(",", -1);
                assertEquals(Integer.toString(i), cells[i][0]);
                double psnr = Double.parseDouble(cells[i][3]);
                assertTrue(psnr > 10 && psnr <= 100, rows.get(i + 1));
                assertEquals("", cells[i][4], "no LPIPS weights, no LPIPS column value");
            }
            List<GvcPacket> packets = ContainerCodec.read(Files.readAllBytes(file)).packets();
            assertEquals(2, packets.size());
            long tableBytes = 0;
            for (GvcPacket packet : packets) {
                boolean[] keyframe = packet.keyframePositions();
                for (int p = 0; p < packet.frameCount(); p++) {
                    String[] row = cells[(int) packet.firstFrame() + p];
                    BoundaryPicture b = packet.boundaryAt(p);
                    if (b != null) {
                        assertEquals(b.between() ? "between" : b.predicted() ? "predicted" : "intra", row[1]);
                        assertEquals(Integer.toString(b.data().length), row[2]);
                    } else if (!keyframe[p]) {
                        assertEquals(packet.generates() ? "generated" : "bridged", row[1], point.get("codec").asText());
                        assertEquals("", row[2]);
                    }
                }
                tableBytes += packet.boundaryBytes();
            }
            long summed = 0;
            for (String[] row : cells) {
                summed += row[2].isEmpty() ? 0 : Long.parseLong(row[2]);
            }
            assertEquals(tableBytes, summed, "every boundary picture's bytes on its frame's row");
            assertEquals("intra", cells[0][1]);
            boolean m0 = point.get("codec").asText().startsWith("gvc-m0");
            assertTrue(List.of(cells).stream().anyMatch(r -> r[1].equals(m0 ? "bridged" : "generated")),
                    point.get("codec") + ": " + rows);
        }
        // one chart per GVC point, in the report, drawn from those tables
        Path chart = out.resolve("scene_176x144/frames_gvc-flf2v_m8_bpp0.03.png");
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(chart.toFile());
        assertEquals(760, image.getWidth(), chart.toString());
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("<h3>Frame by frame</h3>") && html.contains("frames_gvc-flf2v_m8_bpp0.03.png"), html);
        assertEquals(2, html.split("<img src=\"scene_176x144/frames_", -1).length, "one chart (one GVC point): " + html);
    }
}
