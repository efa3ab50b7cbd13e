package io.gvc.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.gvc.codec.StreamInfo;
import io.gvc.codec.bitstream.CodingConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"Describe a .gvc stream: settings, rate split (boundary / atoms / side) and encoder-side PSNR,",
            "each GOP's decisions and bytes (bytes_per_gop; keyframe_bytes_per_gop by position, as position:kind bytes),",
            "plus whether the model the stream names is found here (decodable_here: the shipped models and what",
            "--model adds) and the execution provider it runs on with --device (provider)."})
final class InfoCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "The .gvc file.")
    Path input;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @picocli.CommandLine.Mixin
    ModelOptions model = new ModelOptions();

    /** I (intra), P (predicted from the chain keyframe before) or B (between: from the chain keyframes either side). */
    private static String kind(io.gvc.codec.bitstream.BoundaryPicture k) {
        return k.between() ? "B" : k.predicted() ? "P" : "I";
    }

    /**
     * The keyframe chain and the per-GOP decisions, one entry per GOP: how its last boundary was
     * coded (P predicted, I intra: a point where a decoder can join), its anchor ({@link
     * io.gvc.codec.anchor.AnchorMode#label()}), its mid-GOP keyframes (position and P/I, e.g. "8P"; "-" for none), its
     * bridge offsets (position and x,y in luma pixels, e.g. "3:-12,4"; "-" for none), its deviation scale in
     * 16ths (luma/chroma, the fidelity knob) and the quality (1..100) of every keyframe it codes, by position
     * and I/P/B (e.g. "0:I64 8:B49 16:P55": an intra picture coded finer than the chain, codec v11; B a
     * between picture, codec v12), and the bytes of every keyframe it codes in the same form (e.g.
     * "0:I2204 8:B96 16:P830"): with {@code bytes_per_gop}, where the GOP's bits went.
     */
    static void chain(java.util.List<io.gvc.codec.bitstream.GvcPacket> packets, Map<String, Object> m) {
        java.util.List<String> last = new java.util.ArrayList<>(), anchor = new java.util.ArrayList<>(),
                scale = new java.util.ArrayList<>(), mid = new java.util.ArrayList<>(),
                offsets = new java.util.ArrayList<>(), qualities = new java.util.ArrayList<>(),
                keyBytes = new java.util.ArrayList<>();
        for (io.gvc.codec.bitstream.GvcPacket p : packets) {
            io.gvc.codec.bitstream.BoundaryPicture b = p.boundaryAt(p.frameCount() - 1);
            last.add(b == null ? "-" : b.predicted() ? "P" : "I");
            anchor.add(io.gvc.codec.anchor.AnchorMode.fromCode(p.anchorMode()).label());
            scale.add(p.deviationScale()[0] + "/" + p.deviationScale()[1]);
            StringBuilder keys = new StringBuilder();
            for (io.gvc.codec.bitstream.BoundaryPicture k : p.boundaries()) {
                if (k.position() > 0 && k.position() < p.frameCount() - 1) {
                    keys.append(keys.length() == 0 ? "" : " ").append(k.position()).append(kind(k));
                }
            }
            mid.add(keys.length() == 0 ? "-" : keys.toString());
            StringBuilder q = new StringBuilder(), kb = new StringBuilder();
            for (io.gvc.codec.bitstream.BoundaryPicture k : p.boundaries()) {
                String at = (q.length() == 0 ? "" : " ") + k.position() + ':' + kind(k);
                q.append(at).append(k.quality());
                kb.append(at).append(k.data().length);
            }
            qualities.add(q.length() == 0 ? "-" : q.toString());
            keyBytes.add(kb.length() == 0 ? "-" : kb.toString());
            StringBuilder shifts = new StringBuilder();
            int[] o = p.bridgeOffsets();
            for (int j = 0; 2 * j < o.length; j++) {
                if (o[2 * j] != 0 || o[2 * j + 1] != 0) {
                    shifts.append(shifts.length() == 0 ? "" : " ").append(j).append(':').append(o[2 * j]).append(',')
                            .append(o[2 * j + 1]);
                }
            }
            offsets.add(shifts.length() == 0 ? "-" : shifts.toString());
        }
        m.put("last_boundary_per_gop", last);
        m.put("anchor_per_gop", anchor);
        m.put("mid_keyframes_per_gop", mid);
        m.put("bridge_offsets_per_gop", offsets);
        m.put("deviation_scale_per_gop", scale);
        m.put("keyframe_qualities_per_gop", qualities);
        m.put("keyframe_bytes_per_gop", keyBytes);
    }

    static Map<String, Object> describe(StreamInfo info) {
        CodingConfig c = info.header().config();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bpp", info.bpp());
        m.put("bpp_per_colour_sample", info.bppPerColourSample());
        m.put("kbps", info.kbps());
        m.put("bytes", info.bytes());
        m.put("frames", info.frames());
        m.put("width", c.format().width());
        m.put("height", c.format().height());
        m.put("fps", c.format().fps());
        m.put("gops", info.gops());
        m.put("bytes_per_gop", info.bytesPerGop());
        m.put("bits_boundary", info.bitsBoundary());
        m.put("bits_atoms", info.bitsAtoms());
        m.put("bits_side", info.bitsSide());
        m.put("psnr_y", info.encoderSse().psnrY());
        m.put("psnr_yuv", info.encoderSse().psnrYuv());
        m.put("variant", c.variant().name().toLowerCase(Locale.ROOT));
        m.put("gop_frames", c.gopFrames());
        m.put("K", c.codebookSize());
        m.put("M_per_gop", info.mPerGop());
        m.put("steps", c.steps());
        m.put("tail_steps", c.tailSteps());
        m.put("shift", c.shift());
        m.put("g_scale", c.gScale());
        m.put("latent_downscale", c.latentDownscale());
        m.put("temporal_stride", c.temporalStride());
        m.put("intra_codec", info.header().intraCodec());
        m.put("model", c.modelId());
        m.put("model_hash", java.util.HexFormat.of().formatHex(c.modelHashPrefix())); // the first 8 bytes of its SHA-256
        return m;
    }

    @Override
    public Integer call() throws Exception {
        byte[] bytes = Inputs.bytes(input);
        StreamInfo info = StreamInfo.of(bytes);
        Map<String, Object> m = describe(info);
        chain(io.gvc.codec.bitstream.ContainerCodec.read(bytes).packets(), m);
        // the model the stream names, as decode finds it here (the shipped models and what --model adds)
        try {
            m.put("provider", ModelOptions.provider(model.priorFor(info.header().config())));
            m.put("decodable_here", true);
        } catch (BadInputException notHere) {
            System.err.println("gvc info: " + notHere.getMessage());
            m.put("provider", null);
            m.put("decodable_here", false);
        }
        if (json) {
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m));
        } else {
            for (Map.Entry<String, Object> e : m.entrySet()) {
                Object v = e.getValue();
                String s = v instanceof int[] a ? java.util.Arrays.toString(a)
                        : v instanceof long[] la ? java.util.Arrays.toString(la)
                        : v instanceof Double dd ? String.format(Locale.ROOT, "%.6g", dd) : String.valueOf(v);
                System.out.printf("%-24s %s%n", e.getKey(), s);
            }
        }
        return ExitCodes.OK;
    }
}
