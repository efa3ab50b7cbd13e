package io.gvc.cli.training;

import io.gvc.codec.CodecParams;
import io.gvc.codec.StreamEncoder;
import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.frame.Video;
import io.gvc.codec.frame.VideoFormat;
import io.gvc.codec.intra.IntraCodecs;
import io.gvc.codec.latent.LatentGeometry;
import io.gvc.codec.latent.LatentSpace;
import io.gvc.codec.prior.FlowPrior;
import io.gvc.codec.prior.GopCondition;
import io.gvc.codec.prior.VelocityField;
import io.gvc.codec.variant.Variant;
import io.gvc.media.ReadOptions;
import io.gvc.media.VideoReader;
import io.gvc.model.registry.ModelRegistry;
import io.gvc.model.registry.OpenedModels;
import io.gvc.model.runtime.SessionConfig;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Writes training GOPs for the learned prior exactly as the encoder sees them: the clip is encoded by
 * the shipped FLF2V defaults at a target rate (keyframe chain, plans, motion-compensated bridge), and
 * every GOP the prior is asked to analyse is written with its condition and its true latents as the
 * prior sees them (truth - (anchor - centre), {@code AnchorShift}). The file format is
 * model-assets/training/gop_dumps.py's.
 * <pre>
 *   java -cp cli/target/gvc-cli.jar io.gvc.cli.training.TrainingGops IN OUT_DIR NAME BPP [maxFrames]
 * </pre>
 * writes {@code OUT_DIR/NAME-SEQ.bin} per GOP. The files are training data: they stay out of the
 * repository.
 */
public final class TrainingGops {

    private TrainingGops() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4 || args.length > 5) {
            System.err.println("usage: TrainingGops IN OUT_DIR NAME BPP [maxFrames]");
            System.exit(2);
        }
        int max = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        Video video = VideoReader.read(Path.of(args[0]), new ReadOptions(max, null, null, null, null));
        Path dir = Files.createDirectories(Path.of(args[1]));
        CodecParams params = CodecParams.builder().variant(Variant.FLF2V).targetBpp(Double.parseDouble(args[3]))
                .intraCodec(IntraCodecs.defaultId()) // as gvc encode: x265 where FFmpeg has it
                .threads(Runtime.getRuntime().availableProcessors()).build();
        try (OpenedModels<FlowPrior> models = OpenedModels.priors(ModelRegistry.forEncoding(null),
                SessionConfig.of("cpu", 1))) {
            FlowPrior prior = new Recording(models.forEncoding(Variant.FLF2V), dir, args[2]);
            StreamEncoder.Result r = StreamEncoder.encode(video, params, prior,
                    (gop, of, frames, seconds) -> System.err.printf("GOP %d/%d%n", gop, of));
            System.err.println(args[0] + ": " + r.file().length + " bytes, GOPs in " + dir);
        }
    }

    /** The prior, and a file of every GOP it is asked to analyse. */
    private static final class Recording implements FlowPrior {
        private final FlowPrior inner;
        private final Path dir;
        private final String name;
        private int gops;

        Recording(FlowPrior inner, Path dir, String name) {
            this.inner = inner;
            this.dir = dir;
            this.name = name;
        }

        @Override
        public String id() {
            return inner.id();
        }

        @Override
        public String sha256() {
            return inner.sha256();
        }

        @Override
        public byte[] analyse(GopCondition c, float[][] trueLatent) {
            if (c.variant() == Variant.FLF2V && c.anchorLatents() != null && trueLatent.length > 0) {
                write(dir.resolve(name + "-" + gops++ + ".bin"), c, trueLatent);
            }
            return inner.analyse(c, trueLatent);
        }

        @Override
        public VelocityField open(GopCondition c, byte[] sideInfo) throws BitstreamException {
            return inner.open(c, sideInfo);
        }

        @Override
        public Optional<LatentSpace> latentSpace(VideoFormat format, int downscale) {
            return inner.latentSpace(format, downscale);
        }
    }

    /** gop_dumps.py's format, big-endian. */
    static void write(Path file, GopCondition c, float[][] x0) {
        LatentGeometry g = c.geometry();
        int frames = x0.length;
        try (DataOutputStream o = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            o.writeInt(frames);
            o.writeInt(g.planes());
            o.writeInt(g.coefHeight()[0]);
            o.writeInt(g.coefWidth()[0]);
            o.writeInt(c.gopFrames());
            float[] alphas = c.alphas();
            for (float a : alphas) {
                o.writeInt(Math.round(a * (c.gopFrames() - 1)));
            }
            for (boolean k : c.keyframes()) {
                o.writeBoolean(k);
            }
            for (float a : alphas) {
                o.writeFloat(a);
            }
            writeFloats(o, c.firstLatent());
            writeFloats(o, c.lastLatent());
            for (float[] f : x0) {
                writeFloats(o, f);
            }
            for (float[] f : c.anchorLatents()) {
                writeFloats(o, f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeFloats(DataOutputStream o, float[] v) throws IOException {
        for (float x : v) {
            o.writeFloat(x);
        }
    }
}
