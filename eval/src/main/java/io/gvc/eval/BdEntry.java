package io.gvc.eval;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One Bjontegaard comparison of a GVC variant against a baseline on one clip and metric.
 *
 * @param percent      BD-rate in percent, negative when GVC needs fewer bits for the same quality; null
 *                     when the quality ranges do not overlap (then {@code reason} says so)
 * @param overlapLow   the common quality interval BD-rate averaged over, in the metric's own units
 * @param bdQuality    the other Bjontegaard figure: mean metric difference GVC minus baseline at equal
 *                     rate over the common log-rate interval (dB for PSNR; for LPIPS negative is better
 *                     for GVC); null when the rate ranges do not overlap, see {@code qualityReason}
 * @param note         set when a curve's quality falls somewhere as its rate rises: the interpolated
 *                     curve then zigzags there, and the figures lean on that stretch
 */
public record BdEntry(
        @JsonProperty("clip") String clip,
        @JsonProperty("codec") String codec,
        @JsonProperty("baseline") String baseline,
        @JsonProperty("metric") String metric,
        @JsonProperty("percent") Double percent,
        @JsonProperty("reason") String reason,
        @JsonProperty("overlap_low") Double overlapLow,
        @JsonProperty("overlap_high") Double overlapHigh,
        @JsonProperty("bd_quality") Double bdQuality,
        @JsonProperty("quality_reason") String qualityReason,
        @JsonProperty("codec_points") int codecPoints,
        @JsonProperty("baseline_points") int baselinePoints,
        @JsonProperty("note") String note) {
}
