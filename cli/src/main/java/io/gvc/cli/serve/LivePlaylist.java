package io.gvc.cli.serve;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * A live HLS media playlist over a sliding window of segments (RFC 8216): media and discontinuity
 * sequence numbers advance as segments leave the window; every segment carries its capture time
 * as EXT-X-PROGRAM-DATE-TIME. A window of {@link #UNBOUNDED} keeps every segment (an EVENT playlist).
 */
final class LivePlaylist {

    static final int UNBOUNDED = Integer.MAX_VALUE;

    private final int window;
    private final Deque<Segment> segments = new ArrayDeque<>();
    private long discontinuitySequence;
    private boolean ended;

    LivePlaylist(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("--window must be at least 1 segment, got " + window);
        }
        this.window = window;
    }

    /** Adds a segment; returns the segments that left the window. */
    List<Segment> add(Segment s) {
        segments.addLast(s);
        List<Segment> gone = new java.util.ArrayList<>();
        while (segments.size() > window) {
            Segment old = segments.removeFirst();
            gone.add(old);
            // the removed segment's discontinuity tag leaves with it (RFC 8216, 4.3.3.3): count it
            if (segments.peekFirst() != null && segments.peekFirst().discontinuity()) {
                discontinuitySequence++;
            }
        }
        return gone;
    }

    /** Marks the stream finished: the playlist gets EXT-X-ENDLIST. */
    void end() {
        ended = true;
    }

    boolean ended() {
        return ended;
    }

    List<Segment> segments() {
        return List.copyOf(segments);
    }

    String render() {
        StringBuilder b = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:7\n");
        double longest = segments.stream().mapToDouble(Segment::seconds).max().orElse(1);
        b.append("#EXT-X-TARGETDURATION:").append(Math.max(1, (long) Math.ceil(longest - 1e-9))).append('\n');
        if (window == UNBOUNDED) {
            b.append("#EXT-X-PLAYLIST-TYPE:EVENT\n");
        }
        b.append("#EXT-X-MEDIA-SEQUENCE:").append(segments.isEmpty() ? 0 : segments.peekFirst().sequence()).append('\n');
        b.append("#EXT-X-DISCONTINUITY-SEQUENCE:").append(discontinuitySequence).append('\n');
        b.append("#EXT-X-INDEPENDENT-SEGMENTS\n");
        String map = null;
        boolean first = true;
        for (Segment s : segments) {
            if (s.discontinuity() && !first) {
                b.append("#EXT-X-DISCONTINUITY\n");
            }
            if (!s.initName().equals(map)) {
                b.append("#EXT-X-MAP:URI=\"").append(s.initName()).append("\"\n");
                map = s.initName();
            }
            b.append("#EXT-X-PROGRAM-DATE-TIME:").append(dateTime(s.captureTimeMicros())).append('\n');
            b.append(String.format(Locale.ROOT, "#EXTINF:%.5f,%n", s.seconds()));
            b.append(s.name()).append('\n');
            first = false;
        }
        if (ended) {
            b.append("#EXT-X-ENDLIST\n");
        }
        return b.toString();
    }

    static String dateTime(long epochMicros) {
        Instant t = Instant.ofEpochSecond(0, epochMicros * 1000).truncatedTo(ChronoUnit.MILLIS);
        return DateTimeFormatter.ISO_INSTANT.format(t.plusNanos(0)).replaceFirst("(\\d\\d:\\d\\d:\\d\\d)Z$", "$1.000Z");
    }
}
