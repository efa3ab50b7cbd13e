package io.gvc.codec.latent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gvc.codec.SyntheticVideo;
import io.gvc.codec.frame.Frame;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DctPictureLatentSpaceTest {

    private static final int W = 176, H = 144;

    private static Frame flat(int w, int h, int y, int u, int v) {
        byte[] py = new byte[w * h], pu = new byte[Frame.chromaWidth(w) * Frame.chromaHeight(h)], pv = new byte[pu.length];
        Arrays.fill(py, (byte) y);
        Arrays.fill(pu, (byte) u);
        Arrays.fill(pv, (byte) v);
        return new Frame(w, h, py, pu, pv);
    }

    /** The DCT latent with the same coefficient blocks (luma twice the chroma block per side). */
    private static DctLatentSpace sameBlocks(DctPictureLatentSpace s) {
        int lw = s.latentWidth(), lh = s.latentHeight();
        return new DctLatentSpace(new LatentGeometry(new int[] {2 * lw, lw, lw}, new int[] {2 * lh, lh, lh},
                new int[] {W, W / 2, W / 2}, new int[] {H, H / 2, H / 2}));
    }

    @Test
    void geometryIsSixChannelsOfTheChromaBlock() {
        DctPictureLatentSpace s = new DctPictureLatentSpace(W, H, 2);
        assertEquals(44, s.latentWidth());
        assertEquals(36, s.latentHeight());
        assertEquals(6, s.geometry().planes());
        assertEquals(6 * 44 * 36, s.geometry().dim());
        assertEquals(new DctLatentSpace(DctLatentSpace.geometry(W, H, 2)).geometry().dim(), s.geometry().dim(),
                "same D as the DCT latent where luma is twice chroma");
        assertEquals(W, s.geometry().planeWidth()[0], "picture size, for the synthesis");
        // 1280x720 at ds 16: chroma 640x360 keeps 40x23, luma 80x46 (one row more than the DCT latent's 45)
        DctPictureLatentSpace hd = new DctPictureLatentSpace(1280, 720, 16);
        assertEquals(40, hd.latentWidth());
        assertEquals(23, hd.latentHeight());
        // 3x3 at ds 1: chroma 2x2 keeps 2x2, luma would need 4x4 of 3x3
        assertThrows(IllegalArgumentException.class, () -> new DctPictureLatentSpace(3, 3, 1));
    }

    @Test
    void aFlatPictureIsFlatInEveryChannel() {
        DctPictureLatentSpace s = new DctPictureLatentSpace(W, H, 2);
        float[] z = s.encode(flat(W, H, 138, 128, 118));
        int hw = 44 * 36;
        // orthonormal: a constant c in a 176x144 plane is c * sqrt(176*144 / (88*72)) = 2c in the 88x72 picture
        for (int i = 0; i < 4 * hw; i++) {
            assertEquals(10f * 2f / 32f, z[i], 1e-4f, "luma element " + i);
        }
        for (int i = 0; i < hw; i++) {
            assertEquals(0f, z[4 * hw + i], 1e-4f, "U element " + i);
            assertEquals(-10f * 2f / 32f, z[5 * hw + i], 1e-4f, "V element " + i);
        }
    }

    @Test
    void neighboursAreNeighbouringPlaces() {
        // left half bright, right half dark: the latent's left columns are bright in all four luma phases
        byte[] y = new byte[W * H];
        for (int r = 0; r < H; r++) {
            for (int c = 0; c < W; c++) {
                y[r * W + c] = (byte) (c < W / 2 ? 200 : 60);
            }
        }
        byte[] uv = new byte[(W / 2) * (H / 2)];
        Arrays.fill(uv, (byte) 128);
        float[] z = new DctPictureLatentSpace(W, H, 2).encode(new Frame(W, H, y, uv, uv.clone()));
        int hw = 44 * 36;
        for (int ch = 0; ch < 4; ch++) {
            for (int row = 0; row < 36; row++) {
                float left = z[ch * hw + row * 44 + 5], right = z[ch * hw + row * 44 + 38];
                assertTrue(left > 3f && right < -3f, "channel " + ch + " row " + row + ": " + left + ", " + right);
            }
        }
    }

    @Test
    void sameEnergyAndSamePicturesAsTheDctLatent() {
        DctPictureLatentSpace s = new DctPictureLatentSpace(W, H, 2);
        DctLatentSpace dct = sameBlocks(s);
        Frame f = SyntheticVideo.clip(W, H, 1).frames().get(0);
        Frame grey = flat(W, H, 128, 128, 128);
        float[] a = s.encode(f), b = dct.encode(f);
        double ea = 0, eb = 0;
        for (int i = 0; i < a.length; i++) {
            ea += (double) a[i] * a[i];
            eb += (double) b[i] * b[i];
        }
        assertEquals(eb, ea, eb * 1e-5, "an orthonormal change of coordinates keeps the energy");
        float[][] pa = s.deviationPixels(a, s.encode(grey));
        float[][] pb = dct.deviationPixels(b, dct.encode(grey));
        for (int p = 0; p < 3; p++) {
            for (int i = 0; i < pa[p].length; i++) {
                assertEquals(pb[p][i], pa[p][i], 2e-3f, "plane " + p + " pixel " + i);
            }
        }
    }

    @Test
    void deterministicAcrossInstances() {
        Frame f = SyntheticVideo.clip(W, H, 2).frames().get(1);
        float[] a = new DctPictureLatentSpace(W, H, 2).encode(f), b = new DctPictureLatentSpace(W, H, 2).encode(f);
        assertArrayEquals(a, b);
        float[] zero = new float[a.length];
        float[][] pa = new DctPictureLatentSpace(W, H, 2).deviationPixels(a, zero);
        float[][] pb = new DctPictureLatentSpace(W, H, 2).deviationPixels(b, zero);
        for (int p = 0; p < 3; p++) {
            assertArrayEquals(pa[p], pb[p]);
        }
    }

    @Test
    void anAbsurdSizeIsRefusedBeforeItsMatricesAreBuilt() {
        // gvc fuzz found this header (64x6960, CRC-valid): at downscale 1 its basis alone would take
        // hours to build; refused at once, with the sizes, instead
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DctPictureLatentSpace(64, 6960, 1));
        assertTrue(e.getMessage().contains("64x6960") && e.getMessage().contains("downscale 1"), e.getMessage());
        // the default downscale of a large legitimate picture stays far below the bound
        int ds = DctLatentSpace.defaultDownscale(3840, 2160);
        DctPictureLatentSpace uhd = new DctPictureLatentSpace(3840, 2160, ds);
        assertTrue(uhd.latentWidth() > 0);
    }
}
