package io.gvc.codec;

import io.gvc.codec.bitstream.ContainerCodec;
import io.gvc.codec.bitstream.StreamHeader;
import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Gop;
import io.gvc.codec.frame.Video;
import io.gvc.codec.prior.FlowPrior;
import io.gvc.codec.rate.QualityFloor;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** A whole video to a .gvc file: partition into GOPs, encode them in order, write the container. */
public final class StreamEncoder {

    private StreamEncoder() {
    }

    /** The file and what the decoder will make of it. */
    public record Result(byte[] file, Video reconstruction, List<EncodedGop> gops) {
    }

    public static Result encode(Video video, CodecParams params, FlowPrior prior, Progress progress) {
        GopPartition part = new GopPartition(params.variant(), params.gopFrames(), video.frameCount());
        List<Frame> recon = new ArrayList<>(video.frameCount());
        List<EncodedGop> gops = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long start = System.nanoTime();
        try (GopEncoder enc = new GopEncoder(params, video.format(), prior)) {
            StreamHeader header = new StreamHeader(enc.config(), video.frameCount(),
                    enc.intraCodec().id());
            out.writeBytes(ContainerCodec.writeHeader(header));
            Frame shared = null;
            int chainQuality = QualityFloor.NONE;
            long n = part.gopCount();
            for (long k = 0; k < n; k++) {
                int first = (int) part.firstFrame(k);
                Gop gop = new Gop(k, first, video.frames().subList(first, first + part.frames(k)));
                EncodedGop e = k == 0 ? enc.encodeFirst(gop) : enc.encode(gop, shared, chainQuality);
                out.writeBytes(ContainerCodec.writePacket(e.packet(), header));
                recon.addAll(e.reconstruction().subList(part.firstOutput(k), e.reconstruction().size()));
                shared = e.last();
                chainQuality = e.chainQuality();
                gops.add(e);
                progress.gopDone(k, n, recon.size(), (System.nanoTime() - start) / 1e9);
            }
        }
        return new Result(out.toByteArray(), new Video(video.format(), recon), gops);
    }
}
