package io.gvc.cli.serve;

import io.gvc.codec.frame.VideoFormat;
import io.gvc.kafka.formats.DecodedGop;
import io.gvc.kafka.formats.RawGop;
import io.gvc.kafka.props.ClientProperties;
import io.gvc.kafka.topics.GvcTopics;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code gvc serve}: follows the decoded topic and publishes each stream as live HLS with a preview
 * page, over HTTP and optionally as files. It pairs every decoded GOP with its packet from
 * gvc.bitstream, which gives the frame rate (a decoded record has none) and the rate and quality
 * figures of the charts; a decoded GOP whose stream's frame rate is not known yet waits for it.
 * It also keeps a small window of each stream's source pictures from gvc.raw-gops
 * ({@link SourceFrames}), which the page shows beside the playing video while they are retained.
 */
public final class HlsService implements AutoCloseable, TopicFollower.Listener {

    /**
     * @param out          folder to also write {@code <stream>/index.m3u8} and its segments into, or null
     * @param window       segments in the live playlist, or {@link #UNBOUNDED_WINDOW} for all of them
     * @param flink        the Flink dashboard (links, and metrics for the charts when it answers), or null
     * @param port         HTTP port, 0 for any free one
     */
    public record Options(ClientProperties kafka, GvcTopics topics, int port, Path out, int window,
                          boolean fromBeginning, URI flink) {
    }

    public static final int UNBOUNDED_WINDOW = LivePlaylist.UNBOUNDED;
    /** Packets remembered per stream, to pair with decoded GOPs that come later. */
    static final int PACKETS_KEPT = 4096;
    /** Decoded GOPs that may wait per stream for the stream's first packet. */
    static final int PENDING_MAX = 256;
    /** Source GOPs kept per stream, and the bytes of pictures they may hold (the newest GOP always stays). */
    static final int SOURCE_GOPS = 24;
    static final long SOURCE_BYTES = 96L << 20;
    /** Segments listed per stream on /api/streams, for the page to map the playing time to a frame. */
    static final int SEGMENTS_LISTED = 64;

    private final Options o;
    private final PrintStream log;
    private final Map<String, HlsStream> streams = new TreeMap<>();
    private final Map<String, StreamStats> stats = new TreeMap<>();
    private final Map<String, LinkedHashMap<Long, PacketInfo>> packets = new LinkedHashMap<>();
    private final Map<String, Deque<Pending>> pending = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final Map<String, Long> captureOffsets = new TreeMap<>();
    private final Map<String, SourceFrames> sources = new TreeMap<>();
    private final DashboardPoller dashboard;
    private final PreviewServer server;
    private final TopicFollower follower;

    private record Pending(DecodedGop gop, long receivedMicros) {
    }

    private HlsService(Options o, PrintStream log) throws IOException {
        this.o = o;
        this.log = log;
        this.dashboard = o.flink() == null ? null : new DashboardPoller(new FlinkRestMetrics(o.flink()));
        this.server = new PreviewServer(this, o.port());
        try {
            this.follower = new TopicFollower(o.kafka(), o.topics(), o.fromBeginning(), this);
        } catch (RuntimeException e) {
            server.close();
            if (dashboard != null) {
                dashboard.close();
            }
            throw e;
        }
    }

    /** Starts reading and serving; {@link #url()} is the preview page. */
    public static HlsService start(Options o, PrintStream log) throws IOException {
        return new HlsService(o, log);
    }

    public URI url() {
        return server.url();
    }

    /** Frames packaged so far, per stream. */
    public synchronized Map<String, Long> framesPackaged() {
        Map<String, Long> m = new TreeMap<>();
        streams.forEach((id, s) -> m.put(id, s.framesPackaged()));
        return m;
    }

    public synchronized List<String> problems() {
        return List.copyOf(problems);
    }

    URI flink() {
        return o.flink();
    }

    /** Whether the dashboard answered its last read (false when none is given). */
    boolean flinkReachable() {
        return dashboard != null && dashboard.latest() != null;
    }

    synchronized HlsStream stream(String id) {
        return streams.get(id);
    }

    /** The stream's retained source pictures, or null when none of its raw GOPs was read. */
    synchronized SourceFrames source(String id) {
        return sources.get(id);
    }

    /** Every stream, its format, its latest segments and its chart points, for the page. */
    synchronized List<Map<String, Object>> snapshot() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (HlsStream s : streams.values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            VideoFormat f = s.format();
            m.put("id", s.id());
            m.put("playlist", "streams/" + s.id() + "/" + HlsStream.PLAYLIST);
            m.put("width", f.width());
            m.put("height", f.height());
            m.put("fps", f.fps());
            m.put("segments", s.segmentsPackaged());
            m.put("frames", s.framesPackaged());
            m.put("deadLetters", stats.get(s.id()).deadLetters());
            m.put("source", "streams/" + s.id() + "/" + PreviewServer.SOURCE_PNG);
            SourceFrames src = sources.get(s.id());
            m.put("sourceFrames", src == null ? "none" : src.range().toString());
            m.put("segmentList", segmentList(s));
            m.put("points", stats.get(s.id()).points());
            out.add(m);
        }
        return out;
    }

    /** The latest segments: media sequence (hls.js's fragment sn), first frame and frames, to find the playing frame. */
    private static List<Map<String, Object>> segmentList(HlsStream s) {
        List<Segment> all = s.segments();
        List<Map<String, Object>> out = new ArrayList<>();
        for (Segment seg : all.subList(Math.max(0, all.size() - SEGMENTS_LISTED), all.size())) {
            out.add(Map.of("sequence", seg.sequence(), "firstFrame", seg.firstFrameIndex(), "frames", seg.frames()));
        }
        return out;
    }

    @Override
    public synchronized void raw(RawGop gop) {
        sources.computeIfAbsent(gop.streamId(), k -> new SourceFrames(SOURCE_GOPS, SOURCE_BYTES)).add(gop);
    }

    @Override
    public synchronized void packet(PacketInfo p) {
        LinkedHashMap<Long, PacketInfo> kept = packets.computeIfAbsent(p.stream(), k -> new LinkedHashMap<>());
        kept.put(p.gopSeq(), p);
        if (kept.size() > PACKETS_KEPT) {
            kept.remove(kept.keySet().iterator().next());
        }
        Deque<Pending> waiting = pending.remove(p.stream());
        if (waiting != null) {
            for (Pending w : waiting) {
                decoded(w.gop(), w.receivedMicros());
            }
        }
    }

    @Override
    public synchronized void decoded(DecodedGop gop, long receivedMicros) {
        String id = gop.streamId();
        LinkedHashMap<Long, PacketInfo> kept = packets.get(id);
        if (kept == null || kept.isEmpty()) {
            Deque<Pending> waiting = pending.computeIfAbsent(id, k -> new ArrayDeque<>());
            waiting.addLast(new Pending(gop, receivedMicros));
            if (waiting.size() > PENDING_MAX) {
                Pending dropped = waiting.removeFirst();
                problem(id + ": GOP " + dropped.gop().gopSeq() + " dropped: no packet of the stream read yet, so its frame rate is unknown");
            }
            return;
        }
        PacketInfo packet = kept.get(gop.gopSeq());
        // the same stream keeps its frame rate; the newest packet stands in when this GOP's was not read
        VideoFormat fmt = (packet != null ? packet : newest(kept)).format();
        VideoFormat format = new VideoFormat(gop.width(), gop.height(), fmt.fpsNum(), fmt.fpsDen());
        // the record's capture time is that of the packet's first frame; the segment starts at the GOP's
        long framesAfterCapture = packet != null ? gop.firstFrameIndex() - packet.firstFrame()
                : framesAfterCapture(id, gop.gopSeq());
        if (packet != null) {
            captureOffsets.put(id, framesAfterCapture);
        }
        long firstFrameCapture = gop.captureTimeMicros() + framesAfterCapture * 1_000_000L * fmt.fpsDen() / fmt.fpsNum();
        try {
            HlsStream s = streams.get(id);
            if (s == null) {
                s = new HlsStream(id, o.window(), o.out() == null ? null : o.out().resolve(id));
                streams.put(id, s);
                stats.putIfAbsent(id, new StreamStats(id));
                log.println("gvc serve: stream " + id + " " + format + " at " + url().resolve("streams/" + id + "/" + HlsStream.PLAYLIST));
            }
            if (s.add(gop, format, firstFrameCapture)) {
                stats.get(id).add(gop, receivedMicros, packet, dashboard == null ? null : dashboard.latest());
            }
        } catch (IOException | RuntimeException e) {
            problem(id + ": GOP " + gop.gopSeq() + " could not be packaged: " + e.getMessage());
        }
    }

    /** Without the GOP's packet: as the stream's last chained GOP, or 0 for its first. */
    private long framesAfterCapture(String id, long gopSeq) {
        return gopSeq == 0 ? 0 : captureOffsets.getOrDefault(id, 0L);
    }

    private static PacketInfo newest(LinkedHashMap<Long, PacketInfo> kept) {
        PacketInfo last = null;
        for (PacketInfo p : kept.values()) {
            last = p;
        }
        return last;
    }

    @Override
    public synchronized void deadLetter(String stream) {
        stats.computeIfAbsent(stream, StreamStats::new).deadLetter();
    }

    @Override
    public synchronized void problem(String what) {
        log.println("gvc serve: " + what);
        problems.add(what);
        if (problems.size() > 1000) {
            problems.remove(0);
        }
    }

    /** Ends every stream's playlist now (EXT-X-ENDLIST, also in the files): nothing more will come. */
    public synchronized void endStreams() throws IOException {
        for (HlsStream s : streams.values()) {
            s.end();
        }
    }

    /** Stops reading, ends every playlist (EXT-X-ENDLIST, also in the files) and stops serving. */
    @Override
    public void close() throws IOException, InterruptedException {
        follower.close();
        synchronized (this) {
            for (HlsStream s : streams.values()) {
                s.end();
            }
        }
        server.close();
        if (dashboard != null) {
            dashboard.close();
        }
    }
}
