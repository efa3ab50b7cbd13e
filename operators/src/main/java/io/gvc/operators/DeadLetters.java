package io.gvc.operators;

import io.gvc.operators.serde.GvcTypes;
import io.gvc.operators.types.DeadLetter;
import org.apache.flink.util.OutputTag;

/** The side output every operator sends refused records to; jobs route it to {@code gvc.dead-letters}. */
public final class DeadLetters {

    public static final OutputTag<DeadLetter> TAG = new OutputTag<>("dead-letters", GvcTypes.DEAD_LETTER);

    private DeadLetters() {
    }
}
