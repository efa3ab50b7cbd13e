package io.gvc.eval;

import io.gvc.codec.frame.Video;
import io.gvc.codec.metrics.MsSsim;
import io.gvc.codec.metrics.Psnr;
import io.gvc.codec.metrics.YuvSse;
import io.gvc.model.lpips.Lpips;
import java.io.IOException;

/**
 * The qualities of a decoded sequence against its source: PSNR from the SSE pooled over the whole
 * sequence (not a mean of per-frame decibels), MS-SSIM of luma and LPIPS as means of per-frame values.
 */
final class QualityMetrics {

    /** {@code lpips} is null when no LPIPS model was given. */
    record Quality(double psnrY, double psnrU, double psnrV, double psnrYuv, double msSsim, Double lpips) {
    }

    private QualityMetrics() {
    }

    /** @param lpips null to skip LPIPS */
    static Quality measure(Video source, Video decoded, Lpips lpips) throws IOException {
        YuvSse sse = Psnr.sequenceSse(source, decoded);
        int n = source.frameCount();
        double msMean = MsSsim.sequenceMean(source, decoded);
        Double lp = null;
        if (lpips != null) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += lpips.distance(source.frames().get(i), decoded.frames().get(i));
            }
            lp = sum / n;
        }
        return new Quality(sse.psnrY(), sse.psnrU(), sse.psnrV(), sse.psnrYuv(), msMean, lp);
    }
}
