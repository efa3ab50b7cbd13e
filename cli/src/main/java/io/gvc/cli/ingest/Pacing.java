package io.gvc.cli.ingest;

/** When {@link GopPublisher} sends each GOP, and what capture time it stamps on it. */
public enum Pacing {

    /**
     * As a live camera would: the stream starts when publishing starts, frame i is captured at
     * start + i / fps, and a GOP is sent once its last frame has been captured, at
     * start + (firstFrame + frames) / fps. Its capture time is that of its first frame,
     * start + firstFrame / fps (epoch microseconds), so the capture times of a stream's GOPs are
     * spaced exactly as their first frames are, whatever the machine's load.
     */
    REALTIME,

    /**
     * Each GOP is sent as soon as it is cut, and its capture time is the wall-clock time it is
     * sent: for loading a topic, benchmarks and tests.
     */
    AS_FAST_AS_POSSIBLE
}
