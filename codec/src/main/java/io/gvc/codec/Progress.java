package io.gvc.codec;

/** Told after each GOP of long work, so a CLI or a job can show "GOP i of n, fps, ETA". */
@FunctionalInterface
public interface Progress {

    void gopDone(long gopIndex, long gopCount, long framesDone, double elapsedSeconds);

    Progress NONE = (i, n, f, s) -> { };
}
