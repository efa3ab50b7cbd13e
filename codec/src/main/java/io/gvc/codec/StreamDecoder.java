package io.gvc.codec;

import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.bitstream.ContainerCodec;
import io.gvc.codec.bitstream.GvcPacket;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Video;
import io.gvc.codec.prior.FlowPrior;
import java.util.ArrayList;
import java.util.List;

/** A .gvc file to frames. The whole file is parsed and checked before the first GOP is generated. */
public final class StreamDecoder {

    private StreamDecoder() {
    }

    public static Video decode(byte[] file, FlowPrior prior, int threads, Progress progress) throws BitstreamException {
        return decode(ContainerCodec.read(file), prior, threads, progress);
    }

    /** A stream already parsed (a caller that read its header to choose the prior). */
    public static Video decode(ContainerCodec.Container c, FlowPrior prior, int threads, Progress progress)
            throws BitstreamException {
        GopPartition part = new GopPartition(c.header().config().variant(), c.header().config().gopFrames(),
                c.header().totalFrames());
        if (c.packets().size() != part.gopCount()) {
            throw new BitstreamException("stream.total_frames", c.header().totalFrames() + " frames need "
                    + part.gopCount() + " GOPs, the file holds " + c.packets().size());
        }
        List<Frame> out = new ArrayList<>();
        long start = System.nanoTime();
        try (GopDecoder dec = new GopDecoder(prior, threads)) {
            Frame shared = null;
            for (GvcPacket p : c.packets()) {
                long k = p.gopSeq();
                if (!c.header().config().equals(p.config())) {
                    throw new BitstreamException("gop[" + k + "].packet.config",
                            "differs from the stream header's coding configuration");
                }
                if (p.frameCount() != part.frames(k) || p.firstFrame() != part.firstFrame(k)) {
                    throw new BitstreamException("gop[" + k + "].frame_count", "GOP covers frames " + p.firstFrame()
                            + "+" + p.frameCount() + ", the stream header implies " + part.firstFrame(k) + "+"
                            + part.frames(k));
                }
                List<Frame> frames;
                try {
                    frames = dec.decode(p, shared);
                } catch (BitstreamException e) {
                    throw e.within("gop[" + k + "]");
                }
                out.addAll(frames.subList(part.firstOutput(k), frames.size()));
                shared = frames.get(frames.size() - 1);
                progress.gopDone(k, c.packets().size(), out.size(), (System.nanoTime() - start) / 1e9);
            }
        }
        return new Video(c.header().config().format(), out);
    }
}
