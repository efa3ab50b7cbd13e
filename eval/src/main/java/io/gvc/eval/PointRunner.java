package io.gvc.eval;

import io.gvc.codec.CodecParams;
import io.gvc.codec.Progress;
import io.gvc.codec.StreamDecoder;
import io.gvc.codec.StreamEncoder;
import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.bitstream.ContainerCodec;
import io.gvc.codec.bitstream.GvcPacket;
import io.gvc.codec.frame.Video;
import io.gvc.codec.frame.Y4mWriter;
import io.gvc.codec.intra.IntraCodec;
import io.gvc.codec.intra.IntraCodecs;
import io.gvc.codec.metrics.Bpp;
import io.gvc.eval.baseline.BaselineEncoder;
import io.gvc.model.lpips.Lpips;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Encodes, decodes and measures one point. Each encoded file is written into the clip's folder and
 * kept; the decoder reads it back from disk, so what is measured is what the file holds, and its size
 * on disk is the point's byte count.
 */
public final class PointRunner {

    private final Path out;
    private final EvalSettings settings;
    private final Lpips lpips;

    /** @param lpips null when LPIPS is not measured */
    public PointRunner(Path out, EvalSettings settings, Lpips lpips) {
        this.out = out;
        this.settings = settings;
        this.lpips = lpips;
    }

    /** The folder of a clip's files. */
    public static Path clipDir(Path out, String clip) {
        return out.resolve(clip);
    }

    /** The one-frame .y4m of the chosen frame of a point, relative to the output folder. */
    public static String snapshotPath(PointSpec spec, EvalClip clip) {
        String base = spec.fileName().substring(0, spec.fileName().lastIndexOf('.'));
        return clip.name() + "/frames/" + base + "_f" + clip.snapshot() + ".y4m";
    }

    /** The source's chosen frame, relative to the output folder. */
    public static String sourceSnapshotPath(EvalClip clip) {
        return clip.name() + "/frames/source_f" + clip.snapshot() + ".y4m";
    }

    public PointResult run(PointSpec spec, EvalClip clip, Progress progress) throws IOException {
        Path dir = Files.createDirectories(clipDir(out, clip.name()));
        Path file = dir.resolve(spec.fileName());
        Video source = clip.video();
        Coded coded;
        if (spec.isGvc() || spec.isM0()) {
            coded = gvc(spec, source, file, progress);
        } else if (spec.codec().equals(PointSpec.INTERP)) {
            coded = interp(spec, source, file);
        } else {
            BaselineEncoder.Result r = BaselineEncoder.encode(source, spec.codec(), spec.crf(), file);
            coded = new Coded(r.decoded(), r.encodeSeconds(), r.decodeSeconds(), null, null,
                    FrameTable.FrameKinds.unknown(r.decoded().frameCount()));
        }
        long bytes = Files.size(file);
        String snapshot = snapshotPath(spec, clip);
        writeSnapshot(out.resolve(snapshot), coded.decoded, clip.snapshot());

        Measurement measurement = Measurement.of(source, coded.decoded, lpips == null ? null : lpips::distance);
        Qualities qualities = measurement.qualities();
        FrameTable.write(file, coded.kinds, measurement);
        int n = clip.frames();
        long bits = 8 * bytes;
        double seconds = n / source.format().fps();
        return new PointResult(spec.codec(), clip.name(), spec.setting(),
                spec.variant() == null ? null : spec.variant().name().toLowerCase(java.util.Locale.ROOT), spec.m(), spec.crf(), spec.quality(),
                out.relativize(file).toString().replace('\\', '/'), bytes, n, clip.width(), clip.height(),
                source.format().fps(), Bpp.bitsPerPixel(bits, n, clip.width(), clip.height()),
                Bpp.bitsPerPixelPerChannel(bits, n, clip.width(), clip.height()), bits / seconds / 1000.0,
                qualities,
                coded.encodeS, coded.decodeS, n / coded.encodeS, n / coded.decodeS, coded.matchesEncoder, snapshot,
                settings.fingerprint(spec, clip), coded.atomBits, spec.targetBpp());
    }

    /** What a codec made of the clip and how long it took; {@code atomBits} for GVC streams only. */
    private record Coded(Video decoded, double encodeS, double decodeS, Boolean matchesEncoder, Long atomBits,
                         FrameTable.FrameKinds kinds) {
    }

    private Coded gvc(PointSpec spec, Video source, Path file, Progress progress) throws IOException {
        CodecParams p = settings.params(spec);
        long t0 = System.nanoTime();
        StreamEncoder.Result r = StreamEncoder.encode(source, p, settings.prior(spec.variant()), progress);
        long t1 = System.nanoTime();
        Files.write(file, r.file());
        long t2 = System.nanoTime();
        Video decoded;
        ContainerCodec.Container container;
        try {
            container = ContainerCodec.read(Files.readAllBytes(file));
            // the decoder takes the model the file names, as gvc decode does
            decoded = StreamDecoder.decode(container, settings.streamPriors().forStream(container.header().config()),
                    p.threads(), Progress.NONE);
        } catch (BitstreamException e) {
            throw new IllegalStateException(file + ": the decoder refuses the encoder's own file: " + e.getMessage(), e);
        }
        long t3 = System.nanoTime();
        long atomBits = 0;
        for (GvcPacket packet : container.packets()) {
            atomBits += packet.atomBits();
            if (spec.isM0() && (packet.m() != 0 || packet.mTail() != 0 || packet.atomBits() != 0)) {
                throw new IllegalStateException(file + ": GOP " + packet.gopSeq() + " of a gvc-m0 point codes M "
                        + packet.m() + ", M_tail " + packet.mTail() + ", " + packet.atomBits() + " atom bits");
            }
        }
        return new Coded(decoded, (t1 - t0) / 1e9, (t3 - t2) / 1e9, same(decoded, r.reconstruction()), atomBits,
                FrameTable.FrameKinds.of(container.packets(), decoded.frameCount()));
    }

    private Coded interp(PointSpec spec, Video source, Path file) throws IOException {
        IntraCodec intra = IntraCodecs.byId(settings.gvc().intraCodec());
        long t0 = System.nanoTime();
        Files.write(file, InterpReference.encode(source, settings.gvc().gopFrames(), intra, spec.quality()));
        long t1 = System.nanoTime();
        Video decoded = InterpReference.decode(Files.readAllBytes(file), intra);
        long t2 = System.nanoTime();
        return new Coded(decoded, (t1 - t0) / 1e9, (t2 - t1) / 1e9, null, null,
                FrameTable.FrameKinds.unknown(decoded.frameCount()));
    }

    private static boolean same(Video a, Video b) {
        if (a.frameCount() != b.frameCount()) {
            return false;
        }
        for (int i = 0; i < a.frameCount(); i++) {
            if (!a.frames().get(i).samePixels(b.frames().get(i))) {
                return false;
            }
        }
        return true;
    }

    /** The clip's chosen source frame, once per clip: the side-by-side pictures read it back. */
    void writeSourceSnapshot(EvalClip clip) throws IOException {
        writeSnapshot(out.resolve(sourceSnapshotPath(clip)), clip.video(), clip.snapshot());
    }

    private static void writeSnapshot(Path file, Video video, int index) throws IOException {
        Files.createDirectories(file.getParent());
        Y4mWriter.write(file, new Video(video.format(), List.of(video.frames().get(index))));
    }
}
