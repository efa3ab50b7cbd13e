package io.gvc.operators;

import java.io.Serializable;
import org.apache.flink.api.common.functions.RuntimeContext;

/**
 * A deliberate task failure for recovery drills: after {@code afterGops} GOPs the first attempt of
 * subtask 0 throws, Flink restarts the job from its last checkpoint, and later attempts run clean.
 * Off (0) unless a job is started with {@code --fail-after-gops}; the integration tests use it to
 * show exactly-once output across a restart.
 */
public record FailureDrill(int afterGops) implements Serializable {

    public static FailureDrill off() {
        return new FailureDrill(0);
    }

    /** Call after each GOP with how many this subtask has handled in this attempt. */
    public void check(RuntimeContext ctx, long handled) {
        if (afterGops > 0 && handled >= afterGops && ctx.getTaskInfo().getAttemptNumber() == 0
                && ctx.getTaskInfo().getIndexOfThisSubtask() == 0) {
            throw new IllegalStateException("failure drill: " + ctx.getTaskInfo().getTaskName() + " fails on purpose after "
                    + handled + " GOPs (--fail-after-gops " + afterGops + ")");
        }
    }
}
