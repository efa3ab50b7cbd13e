package io.gvc.cli.serve;

/**
 * One point of a stream's charts, for one decoded GOP. Rate and quality come from the GOP's packet
 * on gvc.bitstream (null when the packet was not read), latency from the decoded record, dead
 * letters from gvc.dead-letters; the {@code dashboard*} fields are what the Flink REST API said at
 * that moment (null when it was not reachable or not given).
 *
 * @param latencyMs          capture of the GOP's first frame to the decoded GOP being readable here (read_committed)
 * @param latencyP50Ms       median of {@code latencyMs} over the stream's last {@link StreamStats#LATENCY_WINDOW} GOPs
 * @param deadLettersTotal   dead letters of this stream read so far
 * @param dashboardLatencyP50Ms the reorderer's latencyMs histogram (median, p99) on the dashboard:
 *                          capture to release, before the commit that makes a GOP readable
 * @param dashboardDeadLetters  the sum of every operator's deadLetters counter for the stream
 */
record GopPoint(long gopSeq, long captureMillis, int frames, Long bits, Double bpp, Double psnrY, long latencyMs,
                long latencyP50Ms, long latencyP99Ms, long deadLettersTotal, Double dashboardLatencyP50Ms,
                Double dashboardLatencyP99Ms, Double dashboardDeadLetters) {
}
