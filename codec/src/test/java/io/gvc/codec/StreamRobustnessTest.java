package io.gvc.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.bitstream.CodingConfig;
import io.gvc.codec.bitstream.ContainerCodec;
import io.gvc.codec.bitstream.UncheckedWrites;
import io.gvc.codec.bitstream.EncoderPsnr;
import io.gvc.codec.bitstream.GvcPacket;
import io.gvc.codec.bitstream.PacketCodec;
import io.gvc.codec.bitstream.StreamHeader;
import io.gvc.codec.frame.Video;
import io.gvc.codec.frame.VideoFormat;
import io.gvc.codec.intra.DctIntraCodec;
import io.gvc.codec.prior.GaussianDctPrior;
import io.gvc.codec.prior.SpectrumFitter;
import io.gvc.codec.variant.Variant;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Files that are well-formed byte for byte (every checksum right) but say inconsistent things. A
 * decoder, and `gvc info`, must refuse them with a {@link BitstreamException}, never another
 * exception. Each file is made by re-serialising a real stream with one field changed.
 */
class StreamRobustnessTest {

    static Video video;
    static GaussianDctPrior prior;

    @BeforeAll
    static void setUp() {
        video = SyntheticVideo.clip(48, 32, 17);
        SpectrumFitter fitter = new SpectrumFitter(9, 1);
        fitter.add("synthetic 48x32", video);
        prior = new GaussianDctPrior(fitter.fit());
    }

    static byte[] encode(Variant v) {
        CodecParams p = CodecParams.builder().variant(v).gopFrames(9).codebookSize(64).m(2).steps(4).tailSteps(1)
                .seed(99L).intraCodec(DctIntraCodec.ID).keyframeQuality(60).boundaryShare(0.5).threads(1).build();
        return StreamEncoder.encode(video, p, prior, Progress.NONE).file();
    }

    /** Re-serialises {@code file} with its header and packets passed through the given edits. */
    static byte[] rewrite(byte[] file, UnaryOperator<StreamHeader> header, UnaryOperator<GvcPacket> packet)
            throws BitstreamException {
        ContainerCodec.Container c = ContainerCodec.read(file);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StreamHeader h = header.apply(c.header());
        out.writeBytes(UncheckedWrites.header(h));
        for (GvcPacket p : c.packets()) {
            out.writeBytes(UncheckedWrites.packetInStream(packet.apply(p), h));
        }
        return out.toByteArray();
    }

    static CodingConfig withGop(CodingConfig c, int gop) {
        return new CodingConfig(c.variant(), c.format(), gop, c.latentDownscale(), c.temporalStride(),
                c.codebookSize(), c.steps(), c.tailSteps(), c.shift(), c.gScale(), c.seed(), c.modelId(),
                c.modelHashPrefix());
    }

    static CodingConfig withFormat(CodingConfig c, VideoFormat f) {
        return new CodingConfig(c.variant(), f, c.gopFrames(), c.latentDownscale(), c.temporalStride(),
                c.codebookSize(), c.steps(), c.tailSteps(), c.shift(), c.gScale(), c.seed(), c.modelId(),
                c.modelHashPrefix());
    }

    static GvcPacket withConfig(GvcPacket p, CodingConfig c) {
        return new GvcPacket(p.gopSeq(), p.firstFrame(), p.frameCount(), c, p.m(), p.mTail(), p.tailLatentFrames(), p.anchorMode(), p.deviationScale(),
                p.boundaries(), p.prompt(), p.priorSide(), p.tailResidual(), p.atomBits(), p.atoms(), p.psnr());
    }

    static GvcPacket withPsnr(GvcPacket p, EncoderPsnr psnr) {
        return new GvcPacket(p.gopSeq(), p.firstFrame(), p.frameCount(), p.config(), p.m(), p.mTail(),
                p.tailLatentFrames(), p.anchorMode(), p.deviationScale(), p.boundaries(), p.prompt(), p.priorSide(), p.tailResidual(), p.atomBits(),
                p.atoms(), psnr, p.bridgeOffsets());
    }

    /** The rewriting itself is faithful: an unchanged rewrite is the same file. */
    @Test
    void identityRewriteIsTheSameFile() throws BitstreamException {
        byte[] f = encode(Variant.FLF2V);
        assertTrue(java.util.Arrays.equals(f, rewrite(f, h -> h, p -> p)));
        assertEquals(17, StreamDecoder.decode(f, prior, 1, Progress.NONE).frameCount());
    }

    /**
     * A header that claims 1-frame GOPs for FLF2V: consecutive GOPs then advance by F - 1 = 0 frames.
     * The parser accepts gop_frames 1..1024 and GopPartition divides by F - 1.
     */
    @Test
    void sharedBoundaryGopOfOneFrameIsABitstreamError() throws BitstreamException {
        for (Variant v : new Variant[] {Variant.FLF2V, Variant.I2V}) {
            byte[] f = rewrite(encode(v), h -> new StreamHeader(withGop(h.config(), 1),
                    h.totalFrames(), h.intraCodec()), p -> p);
            assertThrows(BitstreamException.class, () -> StreamDecoder.decode(f, prior, 1, Progress.NONE),
                    v + " with gop_frames = 1 in the header");
        }
    }

    /**
     * Packets whose configuration gives another picture size than the stream header: the decoder
     * makes pictures of the packets' size and then cannot put them into a video of the header's.
     */
    @Test
    void packetPictureSizeOtherThanTheHeadersIsABitstreamError() throws BitstreamException {
        for (Variant v : new Variant[] {Variant.T2V, Variant.FLF2V}) {
            byte[] f = rewrite(encode(v), h -> h,
                    p -> withConfig(p, withFormat(p.config(), new VideoFormat(40, 32, 25, 1))));
            assertThrows(BitstreamException.class, () -> StreamDecoder.decode(f, prior, 1, Progress.NONE),
                    v + ": packets of 40x32 in a 48x32 stream");
        }
    }

    /**
     * Until version 12 a packet stored its squared errors as varints, and values near 2^63 in two
     * packets overflowed StreamInfo's sum; a byte per plane (version 13) cannot. The extremes read as
     * they are: 0 dB in every GOP is a stream at 0 dB, 63.75 dB or more in every GOP one at 63.75 or
     * more (on this small clip the squared error that stands for is below one, so it may round to 0).
     */
    @Test
    void theExtremeStoredPsnrsReadAsTheyAre() throws BitstreamException {
        byte[] worst = rewrite(encode(Variant.FLF2V), h -> h, p -> withPsnr(p, new EncoderPsnr(0, 0, 0)));
        assertEquals(0.0, StreamInfo.of(worst).encoderSse().psnrY(), 1e-9);
        byte[] best = rewrite(encode(Variant.FLF2V), h -> h, p -> withPsnr(p, new EncoderPsnr(255, 255, 255)));
        assertTrue(StreamInfo.of(best).encoderSse().psnrY() >= 63.0);
    }

    /** The same checks, which do hold, for the fields the parser does bound. */
    @Test
    void inconsistentFieldsThatAreRefused() throws BitstreamException {
        byte[] f = encode(Variant.FLF2V);
        // total frames that need another GOP count
        byte[] more = rewrite(f, h -> new StreamHeader(h.config(), 30, h.intraCodec()), p -> p);
        assertEquals("stream.total_frames", assertThrows(BitstreamException.class,
                () -> StreamDecoder.decode(more, prior, 1, Progress.NONE)).field());
        // a packet that drops its atoms
        byte[] noAtoms = rewrite(f, h -> h, p -> new GvcPacket(p.gopSeq(), p.firstFrame(), p.frameCount(), p.config(),
                p.m(), p.mTail(), p.tailLatentFrames(), p.anchorMode(), p.deviationScale(), p.boundaries(), p.prompt(), p.priorSide(), p.tailResidual(),
                0, new byte[0], p.psnr()));
        assertTrue(assertThrows(BitstreamException.class,
                () -> StreamDecoder.decode(noAtoms, prior, 1, Progress.NONE)).field().contains("packet.atoms"));
        // boundaries missing from an FLF2V GOP
        byte[] noBoundary = rewrite(f, h -> h, p -> new GvcPacket(p.gopSeq(), p.firstFrame(), p.frameCount(),
                p.config(), p.m(), p.mTail(), p.tailLatentFrames(), p.anchorMode(), p.deviationScale(), List.of(), p.prompt(), p.priorSide(),
                p.tailResidual(), p.atomBits(), p.atoms(), p.psnr()));
        assertThrows(BitstreamException.class, () -> StreamDecoder.decode(noBoundary, prior, 1, Progress.NONE));
        // a gain section of the wrong length
        byte[] badSide = rewrite(f, h -> h, p -> new GvcPacket(p.gopSeq(), p.firstFrame(), p.frameCount(),
                p.config(), p.m(), p.mTail(), p.tailLatentFrames(), p.anchorMode(), p.deviationScale(), p.boundaries(), p.prompt(), new byte[3],
                p.tailResidual(), p.atomBits(), p.atoms(), p.psnr()));
        assertTrue(assertThrows(BitstreamException.class,
                () -> StreamDecoder.decode(badSide, prior, 1, Progress.NONE)).field().contains("side_info"));
        // a tail residual on an FLF2V GOP
        byte[] residual = rewrite(f, h -> h, p -> new GvcPacket(p.gopSeq(), p.firstFrame(), p.frameCount(),
                p.config(), p.m(), p.mTail(), p.tailLatentFrames(), p.anchorMode(), p.deviationScale(), p.boundaries(), p.prompt(), p.priorSide(),
                new byte[] {1, 2, 3, 4, 5}, p.atomBits(), p.atoms(), p.psnr()));
        assertThrows(BitstreamException.class, () -> StreamDecoder.decode(residual, prior, 1, Progress.NONE));
    }
}
