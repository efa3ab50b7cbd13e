package io.gvc.operators.types;

import io.gvc.codec.KeyframedGop;
import io.gvc.kafka.formats.RawGop;

/**
 * A raw GOP whose keyframes the keyframe chain has coded, on its way to any atom-search slot:
 * everything the packet's expensive half needs, so the slot keeps nothing from GOP to GOP.
 *
 * @param previousSeq GOP number of the GOP the chain handed on before this one for the same stream,
 *                    or -1 for the stream's first; the packet reorderer releases packets along this chain
 * @param keyframed   what the chain decided: coded and decoded keyframes, plan and anchor mode
 */
public record AtomSearchTask(RawGop gop, long previousSeq, KeyframedGop keyframed) {

    public AtomSearchTask {
        if (keyframed.gopSeq() != gop.gopSeq()) {
            throw new IllegalArgumentException("keyframes of GOP " + keyframed.gopSeq() + " with GOP " + gop.gopSeq());
        }
    }
}
