package io.gvc.codec;

import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.bitstream.ContainerCodec;
import io.gvc.codec.bitstream.GvcPacket;
import io.gvc.codec.bitstream.StreamHeader;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.metrics.Bpp;
import io.gvc.codec.metrics.PsnrAccumulator;
import io.gvc.codec.metrics.YuvSse;

/**
 * What `gvc info` reports about a .gvc file. Rates count every byte of the file: boundary pictures,
 * atom sections, and all the rest (headers, side information, checksums) as side bits, so
 * bits_boundary + bits_atoms + bits_side = 8 x file size. {@code bytesPerGop} is each GOP's packet as
 * the file holds it, so the stream header's bytes plus their sum is the file size: where a rate
 * went, GOP by GOP (a first GOP that pays for its intra picture, a random-access GOP, a scene cut).
 * {@code encoderSse} is what the packets' PSNRs ({@link io.gvc.codec.bitstream.EncoderPsnr}, a quarter
 * decibel a step) stand for, so its PSNR is the encoder's to within an eighth of a decibel.
 */
public record StreamInfo(StreamHeader header, long frames, int gops, long bytes, long bitsBoundary,
                         long bitsAtoms, long bitsSide, YuvSse encoderSse, int[] mPerGop, long[] bytesPerGop) {

    public static StreamInfo of(byte[] file) throws BitstreamException {
        ContainerCodec.Container c = ContainerCodec.read(file);
        long boundary = 0, atoms = 0;
        int[] ms = new int[c.packets().size()];
        int i = 0;
        var f = c.header().config().format();
        long chroma = (long) Frame.chromaWidth(f.width()) * Frame.chromaHeight(f.height());
        // each GOP's PSNR weighs by the frames it outputs (a shared first frame is the GOP before's)
        PsnrAccumulator sse = new PsnrAccumulator();
        for (GvcPacket p : c.packets()) {
            boundary += 8 * p.boundaryBytes();
            atoms += 8L * p.atoms().length;
            long out = p.frameCount() - (GopDecoder.needsSharedFirst(p) ? 1 : 0);
            sse.add(p.psnr().sse(out * f.width() * f.height(), out * chroma));
            ms[i++] = p.m();
        }
        long total = 8L * file.length;
        long frames = c.header().totalFrames();
        return new StreamInfo(c.header(), frames, c.packets().size(), file.length, boundary, atoms,
                total - boundary - atoms, sse.total(), ms, c.packetBytes());
    }

    public double bpp() {
        var f = header.config().format();
        return Bpp.bitsPerPixel(8 * bytes, frames, f.width(), f.height());
    }

    /** The paper's convention: bits / (frames x height x width x 3). Reported beside bpp, labelled. */
    public double bppPerColourSample() {
        var f = header.config().format();
        return Bpp.bitsPerPixelPerChannel(8 * bytes, frames, f.width(), f.height());
    }

    public double kbps() {
        return 8.0 * bytes / (frames / header.config().format().fps()) / 1000.0;
    }
}
