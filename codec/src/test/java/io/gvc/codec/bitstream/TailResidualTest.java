package io.gvc.codec.bitstream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TailResidualTest {

    @Test
    void decoderAppliesExactlyWhatTheEncoderApplied() throws BitstreamException {
        Random rnd = new Random(7);
        float[] truth = new float[500], x0 = new float[500];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = (float) rnd.nextGaussian();
            x0[i] = truth[i] + (float) (0.3 * rnd.nextGaussian());
        }
        float[] generated = x0.clone();
        float[] encoderSide = x0.clone();
        byte[] coded = TailResidual.encodeAndApply(truth, encoderSide);
        TailResidual.decodeAndApply(coded, generated);
        assertArrayEquals(encoderSide, generated, "encoder and decoder must hold the same latent");
        // 8-bit quantisation with one step for the frame: within half a step of the truth
        float max = 0f;
        for (int i = 0; i < truth.length; i++) {
            max = Math.max(max, Math.abs(truth[i] - x0[i]));
        }
        float step = max / 127f;
        for (int i = 0; i < truth.length; i++) {
            assertTrue(Math.abs(truth[i] - generated[i]) <= step / 2 + 1e-5f, "element " + i);
        }
        assertTrue(coded.length < 4 + truth.length, "deflated: " + coded.length + " bytes");
    }

    @Test
    void aPerfectGuessCostsAlmostNothingAndChangesNothing() throws BitstreamException {
        float[] truth = {1f, -2f, 3f};
        float[] x0 = truth.clone();
        byte[] coded = TailResidual.encodeAndApply(truth, x0);
        assertArrayEquals(truth, x0);
        float[] other = truth.clone();
        TailResidual.decodeAndApply(coded, other);
        assertArrayEquals(truth, other);
    }

    @Test
    void refusesResidualsOfTheWrongSizeOrCorrupt() throws BitstreamException {
        byte[] coded = TailResidual.encodeAndApply(new float[] {1f, 2f, 3f, 4f}, new float[4]);
        BitstreamException shorter = assertThrows(BitstreamException.class,
                () -> TailResidual.decodeAndApply(coded, new float[5]));
        assertTrue(shorter.getMessage().contains("packet.tail_residual"), shorter.getMessage());
        assertThrows(BitstreamException.class, () -> TailResidual.decodeAndApply(coded, new float[3]));
        byte[] corrupt = Arrays.copyOf(coded, coded.length);
        corrupt[4] = (byte) 0xFF; // a reserved DEFLATE block type
        assertThrows(BitstreamException.class, () -> TailResidual.decodeAndApply(corrupt, new float[4]));
        byte[] zeroStep = coded.clone();
        zeroStep[0] = 0;
        zeroStep[1] = 0;
        zeroStep[2] = 0;
        zeroStep[3] = 0;
        BitstreamException step = assertThrows(BitstreamException.class,
                () -> TailResidual.decodeAndApply(zeroStep, new float[4]));
        assertEquals("packet.tail_residual.step", step.field());
    }
}
