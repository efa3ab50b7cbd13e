package io.gvc.codec.motion;

/**
 * Block motion between two pictures, in luma pixels. Block (bx, by) covers luma pixels
 * [bx * block, (bx + 1) * block) x [by * block, (by + 1) * block); its vector (vx, vy) is the whole
 * displacement from the first picture to the last: content at p - v/2 in the first picture is at
 * p + v/2 in the last, seen from the picture half way between them (a bilateral field, so every
 * in-between picture has a vector at every place and nothing is left as a hole).
 */
public record MotionField(int block, int cols, int rows, int[] vx, int[] vy) {

    public MotionField {
        if (vx.length != cols * rows || vy.length != cols * rows) {
            throw new IllegalArgumentException("a field of " + cols + "x" + rows + " blocks needs as many vectors");
        }
        vx = vx.clone();
        vy = vy.clone();
    }

    /** No motion anywhere: the in-between pictures become the cross-fade. */
    public static MotionField still(int width, int height, int block) {
        int c = (width + block - 1) / block, r = (height + block - 1) / block;
        return new MotionField(block, c, r, new int[c * r], new int[c * r]);
    }

    public int vx(int bx, int by) {
        return vx[by * cols + bx];
    }

    public int vy(int bx, int by) {
        return vy[by * cols + bx];
    }
}
