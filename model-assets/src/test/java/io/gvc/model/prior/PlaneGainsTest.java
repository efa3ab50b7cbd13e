package io.gvc.model.prior;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gvc.codec.bitstream.BitstreamException;
import io.gvc.codec.latent.DctPictureLatentSpace;
import io.gvc.codec.latent.LatentGeometry;
import io.gvc.codec.prior.GopCondition;
import io.gvc.codec.variant.Variant;
import io.gvc.model.manifest.ModelManifest.LatentKind;
import org.junit.jupiter.api.Test;

class PlaneGainsTest {

    @Test
    void measuresEachColourPlaneAgainstTheBridge() throws Exception {
        LatentGeometry g = new DctPictureLatentSpace(176, 144, 2).geometry();
        int hw = 44 * 36;
        float[] first = new float[g.dim()], last = new float[g.dim()];
        java.util.Arrays.fill(last, 0, 4 * hw, 2f); // luma bridge rises from 0 to 2
        float[] alphas = {0.25f, 0.5f, 0.75f};
        float[][] truth = new float[3][g.dim()];
        for (int f = 0; f < 3; f++) {
            for (int i = 0; i < 4 * hw; i++) {
                truth[f][i] = 2f * alphas[f] + (i % 2 == 0 ? 2f : -2f); // luma deviation +-2: mean square 4
            }
            java.util.Arrays.fill(truth[f], 4 * hw, 5 * hw, 0.5f); // U deviation 0.5: 0.25; V none
        }
        GopCondition c = new GopCondition(Variant.FLF2V, g, alphas, first, last, 9, "");
        byte[] side = PlaneGains.measure(LatentKind.PICTURE, c, truth);
        assertEquals(2, side.length, "three 5-bit gains");
        // q = round(2 log2 v) + 20: Y 4 -> 24, U 0.25 -> 16, V 0 -> 0 (the grid's floor, 2^-10)
        assertArrayEquals(new float[] {4f, 0.25f, (float) Math.pow(2, -10)}, PlaneGains.read(side));
        assertThrows(BitstreamException.class, () -> PlaneGains.read(new byte[3]));
    }

    @Test
    void picturePlanesMapToColours() {
        assertArrayEquals(new int[] {0, 0, 0, 0, 1, 2}, PlaneGains.colourPlanes(LatentKind.PICTURE, 6));
        assertArrayEquals(new int[] {0, 1, 2}, PlaneGains.colourPlanes(LatentKind.DCT, 3));
        assertThrows(IllegalArgumentException.class, () -> PlaneGains.colourPlanes(LatentKind.VAE, 6));
    }
}
