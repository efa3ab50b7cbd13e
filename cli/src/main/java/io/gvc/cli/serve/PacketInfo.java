package io.gvc.cli.serve;

import io.gvc.codec.frame.VideoFormat;

/**
 * What the preview needs of one coded GOP on {@code gvc.bitstream}: its size, its format (the frame
 * rate is not in a decoded record), the encoder's luma PSNR over the frames it outputs,
 * and its first frame, the one whose capture time the GOP's records carry (for a chained GOP that is
 * the boundary it shares with the GOP before, so its decoded pictures start one frame later).
 */
record PacketInfo(String stream, long gopSeq, long firstFrame, VideoFormat format, int bytes, double psnrY) {
}
