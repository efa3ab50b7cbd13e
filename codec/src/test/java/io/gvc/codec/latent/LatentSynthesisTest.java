package io.gvc.codec.latent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.frame.Frame;
import io.gvc.codec.variant.GopLayout;
import io.gvc.codec.variant.Variant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The fidelity knob: the deviation scale the encoder measures and the decoder applies. */
class LatentSynthesisTest {

    static final int W = 32, H = 32, N = 5;
    final DctLatentSpace space = new DctLatentSpace(DctLatentSpace.geometry(W, H, 4));
    final GopLayout layout = GopLayout.of(Variant.FLF2V, N, 2, 0);
    final LatentSynthesis synthesis = new LatentSynthesis(space);

    static Frame flat(int v) {
        byte[] y = new byte[W * H], c = new byte[Frame.chromaWidth(W) * Frame.chromaHeight(H)];
        Arrays.fill(y, (byte) v);
        Arrays.fill(c, (byte) 128);
        return new Frame(W, H, y, c, c.clone());
    }

    private Frame[] anchors() {
        Frame[] a = new Frame[N];
        Arrays.fill(a, flat(100));
        return a;
    }

    private float[][] anchorLatents(Frame[] anchors) {
        float[][] l = new float[layout.codedFrames()][];
        for (int f = 0; f < l.length; f++) {
            l[f] = space.encode(anchors[layout.codedPositions()[f]]);
        }
        return l;
    }

    /** FLF2V: the first and last frames are the decoded keyframes. */
    private static boolean[] ends() {
        boolean[] known = new boolean[N];
        known[0] = true;
        known[N - 1] = true;
        return known;
    }

    /** x0: the anchor latent with the luma DC raised, a smooth brightening of every coded frame. */
    private float[][] brighter(float[][] anchorLatents) {
        float[][] x0 = new float[anchorLatents.length][];
        for (int f = 0; f < x0.length; f++) {
            x0[f] = anchorLatents[f].clone();
            x0[f][0] += 20f;
        }
        return x0;
    }

    @Test
    void aDeviationThatIsTheTruthKeepsItsFullScale() {
        Frame[] a = anchors();
        float[][] al = anchorLatents(a), x0 = brighter(al);
        Frame[] full = synthesis.synthesise(layout, a, al, ends(), x0,
                new int[] {LatentSynthesis.SCALE_STEPS, LatentSynthesis.SCALE_STEPS});
        int[] scale = synthesis.fitScale(layout, a, al, ends(), x0, j -> full[j]);
        assertEquals(LatentSynthesis.SCALE_STEPS, scale[0], "luma");
        assertTrue(full[2].y()[0] != a[2].y()[0], "the deviation is visible");
    }

    @Test
    void aDeviationTheTruthDoesNotHaveIsScaledAway() {
        Frame[] a = anchors();
        float[][] al = anchorLatents(a), x0 = brighter(al);
        int[] scale = synthesis.fitScale(layout, a, al, ends(), x0, j -> a[j]); // the truth is the anchor itself
        assertEquals(0, scale[0], "luma");
        Frame[] out = synthesis.synthesise(layout, a, al, ends(), x0, scale);
        for (int j = 0; j < N; j++) {
            assertArrayEquals(a[j].y(), out[j].y(), "frame " + j + " is the anchor");
        }
    }

    @Test
    void halfTheDeviationIsHalfTheScale() {
        Frame[] a = anchors();
        float[][] al = anchorLatents(a), x0 = brighter(al);
        Frame[] half = synthesis.synthesise(layout, a, al, ends(), x0,
                new int[] {LatentSynthesis.SCALE_STEPS / 2, LatentSynthesis.SCALE_STEPS});
        int[] scale = synthesis.fitScale(layout, a, al, ends(), x0, j -> half[j]);
        assertEquals(LatentSynthesis.SCALE_STEPS / 2, scale[0], 1, "luma");
    }
}
