package io.gvc.eval;

import java.util.EnumMap;
import java.util.Map;

/** Qualities as the tests write them, one argument per metric of today; a null LPIPS is "not measured". */
final class TestQualities {

    private TestQualities() {
    }

    static Qualities of(double psnrY, double psnrU, double psnrV, double psnrYuv, double msSsim, Double lpips) {
        Map<Metric, Double> values = new EnumMap<>(Metric.class);
        values.put(Metric.PSNR_Y, psnrY);
        values.put(Metric.PSNR_U, psnrU);
        values.put(Metric.PSNR_V, psnrV);
        values.put(Metric.PSNR_YUV, psnrYuv);
        values.put(Metric.MS_SSIM, msSsim);
        values.put(Metric.LPIPS, lpips);
        return new Qualities(values);
    }
}
