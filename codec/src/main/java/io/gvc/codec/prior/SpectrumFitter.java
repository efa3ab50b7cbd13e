package io.gvc.codec.prior;

import io.gvc.codec.frame.Frame;
import io.gvc.codec.frame.Video;
import io.gvc.codec.latent.DctLatentSpace;
import io.gvc.codec.latent.LatentGeometry;

/**
 * Fits a {@link PriorSpectrum} from real video: over GOPs of the reference length, the variance per
 * frequency band of (1) the frame minus the bridge between the GOP's ends, divided by 4a(1-a),
 * (2) the frame minus the GOP's first frame, divided by a, (3) the frame itself. Works at each
 * video's own size with a full-resolution latent (downscale 1), so every band is measured.
 */
public final class SpectrumFitter {

    private final int gopFrames;
    private final int latentStride;
    private final double[][][] sum = new double[3][SpectralBands.PLANE_CLASSES][SpectralBands.BANDS];
    private final long[][][] count = new long[3][SpectralBands.PLANE_CLASSES][SpectralBands.BANDS];
    /** Plane means (pixel - 128) for the unconditional DC: sum, sum of squares, count, per plane class. */
    private final double[] dcSum = new double[2];
    private final double[] dcSq = new double[2];
    private final long[] dcCount = new long[2];
    private final StringBuilder sources = new StringBuilder();

    public SpectrumFitter(int gopFrames, int latentStride) {
        if (gopFrames < 3) {
            throw new IllegalArgumentException("fitting needs GOPs of at least 3 frames");
        }
        this.gopFrames = gopFrames;
        this.latentStride = Math.max(1, latentStride);
    }

    /** Adds the GOPs of one video (needs at least one whole GOP). */
    public void add(String name, Video video) {
        int w = video.format().width(), h = video.format().height();
        // full resolution latent but capped so very large clips stay affordable
        int ds = 1;
        while ((long) ((w + ds - 1) / ds) * ((h + ds - 1) / ds) > 40_000) {
            ds *= 2;
        }
        LatentGeometry g = DctLatentSpace.geometry(w, h, ds);
        DctLatentSpace space = new DctLatentSpace(g);
        int[] band = SpectralBands.bandIndex(g);
        double inv = 1.0 / ((double) DctLatentSpace.SCALE * DctLatentSpace.SCALE);
        double[] dcNorm = new double[g.planes()];
        for (int p = 0; p < g.planes(); p++) {
            dcNorm[p] = 1.0 / ((double) g.planeWidth()[p] * g.planeHeight()[p]);
        }
        int gops = 0;
        for (int start = 0; start + gopFrames <= video.frameCount(); start += gopFrames - 1) {
            float[] first = space.encode(video.frames().get(start));
            float[] last = space.encode(video.frames().get(start + gopFrames - 1));
            for (int j = latentStride; j < gopFrames - 1; j += latentStride) {
                Frame fr = video.frames().get(start + j);
                float[] x = space.encode(fr);
                double a = (double) j / (gopFrames - 1);
                for (int p = 0; p < g.planes(); p++) {
                    int cls = SpectralBands.planeClass(p);
                    int off = g.planeOffset(p);
                    for (int i = off; i < off + g.planeDim(p); i++) {
                        int b = band[i] % SpectralBands.BANDS;
                        double norm = inv * (b == 0 ? dcNorm[p] : 1.0);
                        double bridge = x[i] - ((1 - a) * first[i] + a * last[i]);
                        double walk = x[i] - first[i];
                        accumulate(0, cls, b, bridge * bridge * norm / (4 * a * (1 - a)));
                        accumulate(1, cls, b, walk * walk * norm / a);
                        if (b == 0) {
                            // the DC of an orthonormal DCT is sqrt(N) times the plane mean
                            double mean = x[i] / DctLatentSpace.SCALE * Math.sqrt(dcNorm[p]);
                            dcSum[cls] += mean;
                            dcSq[cls] += mean * mean;
                            dcCount[cls]++;
                        } else {
                            accumulate(2, cls, b, x[i] * x[i] * norm);
                        }
                    }
                }
            }
            gops++;
        }
        if (gops == 0) {
            throw new IllegalArgumentException(name + " has " + video.frameCount() + " frames, fewer than one GOP of "
                    + gopFrames);
        }
        sources.append(sources.length() == 0 ? "" : ", ").append(name).append(" (").append(gops).append(" GOPs)");
    }

    private void accumulate(int mode, int cls, int band, double v) {
        sum[mode][cls][band] += v;
        count[mode][cls][band]++;
    }

    public PriorSpectrum fit() {
        if (dcCount[0] == 0) {
            throw new IllegalStateException("no video added");
        }
        double[][][] var = new double[3][SpectralBands.PLANE_CLASSES][SpectralBands.BANDS];
        for (int m = 0; m < 3; m++) {
            for (int c = 0; c < SpectralBands.PLANE_CLASSES; c++) {
                for (int b = 0; b < SpectralBands.BANDS; b++) {
                    // a band no video reached (very small pictures) borrows its lower neighbour
                    var[m][c][b] = count[m][c][b] > 0 ? Math.max(1e-6, sum[m][c][b] / count[m][c][b])
                            : b > 0 ? var[m][c][b - 1] : 1.0;
                }
            }
        }
        // unconditional DC: the spread of plane means around their average
        double[] mean = new double[2];
        for (int c = 0; c < 2; c++) {
            mean[c] = dcSum[c] / dcCount[c];
            var[2][c][0] = Math.max(1e-3, dcSq[c] / dcCount[c] - mean[c] * mean[c]);
        }
        return PriorSpectrum.of(gopFrames, var[0], var[1], var[2], mean,
                sources.toString());
    }
}
