package io.gvc.cli.serve;

import io.gvc.codec.frame.VideoFormat;
import io.gvc.kafka.formats.DecodedGop;
import io.gvc.media.CmafGopEncoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One stream's HLS rendition: codes each decoded GOP as one fMP4 segment, keeps the live playlist
 * and the files it names (in memory, and under a folder when one is given). Segments that leave
 * the window stay fetchable for one more window, for players that read the playlist just before.
 * Thread-safe: the Kafka reader adds, HTTP threads read.
 */
final class HlsStream {

    static final String PLAYLIST = "index.m3u8";

    private final String id;
    private final Path dir;
    private final LivePlaylist playlist;
    private final int window;
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final java.util.ArrayDeque<String> retired = new java.util.ArrayDeque<>();
    private VideoFormat format;
    private CmafGopEncoder encoder;
    private byte[] init;
    private String initName;
    private int inits;
    private long nextSequence;
    private long nextFrameIndex = -1;
    private long lastGopSeq = -1;
    private long framesPackaged;

    /** @param dir where to write the files too, or null */
    HlsStream(String id, int window, Path dir) throws IOException {
        this.id = id;
        this.window = window;
        this.playlist = new LivePlaylist(window);
        this.dir = dir;
        if (dir != null) {
            Files.createDirectories(dir);
        }
    }

    String id() {
        return id;
    }

    /**
     * Packages a decoded GOP of a stream of {@code format} whose first picture was captured at
     * {@code firstFrameCaptureMicros}. A GOP at or before the last one packaged (a repeat) is ignored
     * and false returned.
     */
    synchronized boolean add(DecodedGop gop, VideoFormat format, long firstFrameCaptureMicros) throws IOException {
        if (gop.gopSeq() <= lastGopSeq) {
            return false;
        }
        boolean discontinuity = gop.firstFrameIndex() != nextFrameIndex;
        if (!format.equals(this.format)) {
            this.format = format;
            this.encoder = new CmafGopEncoder(format);
        }
        CmafGopEncoder.Fragment f = encoder.encode(gop.frames(), gop.firstFrameIndex(), nextSequence + 1);
        if (!Arrays.equals(f.init(), init)) {
            init = f.init();
            initName = "init-" + inits++ + ".mp4";
            put(initName, init);
            discontinuity = true;
        }
        String name = "seg-" + nextSequence + ".m4s";
        put(name, f.media());
        Segment s = new Segment(nextSequence++, name, gop.gopSeq(), gop.firstFrameIndex(), f.frames(),
                f.frames() * (double) format.fpsDen() / format.fpsNum(), firstFrameCaptureMicros, initName,
                discontinuity && lastGopSeq >= 0, f.media());
        for (Segment gone : playlist.add(s)) {
            retire(gone.name());
        }
        writePlaylist();
        lastGopSeq = gop.gopSeq();
        nextFrameIndex = gop.firstFrameIndex() + gop.frameCount();
        framesPackaged += gop.frameCount();
        return true;
    }

    /** The stream ended (the service stops): the playlist gets EXT-X-ENDLIST. */
    synchronized void end() throws IOException {
        playlist.end();
        writePlaylist();
    }

    synchronized String playlist() {
        return playlist.render();
    }

    /** A file the playlist names (or named within the last window), or null. */
    synchronized byte[] file(String name) {
        return files.get(name);
    }

    synchronized long framesPackaged() {
        return framesPackaged;
    }

    synchronized int segmentsPackaged() {
        return (int) nextSequence;
    }

    synchronized VideoFormat format() {
        return format;
    }

    private void put(String name, byte[] bytes) throws IOException {
        files.put(name, bytes);
        if (dir != null) {
            writeAtomically(dir.resolve(name), bytes);
        }
    }

    private void retire(String name) throws IOException {
        retired.addLast(name);
        while (retired.size() > window) {
            String old = retired.removeFirst();
            files.remove(old);
            if (dir != null) {
                Files.deleteIfExists(dir.resolve(old));
            }
        }
    }

    private void writePlaylist() throws IOException {
        if (dir != null) {
            writeAtomically(dir.resolve(PLAYLIST), playlist.render().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** Players polling the folder never see a half-written file. */
    private static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    List<Segment> segments() {
        synchronized (this) {
            return playlist.segments();
        }
    }
}
