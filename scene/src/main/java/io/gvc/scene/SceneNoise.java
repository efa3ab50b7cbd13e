package io.gvc.scene;



/**
 * Integer hashing and value noise for the synthetic scene's textures. Plain 32-bit arithmetic
 * (a murmur3-style finaliser), so textures are identical on every JVM and any pixel can be computed
 * alone, in any order.
 */
final class SceneNoise {

    private SceneNoise() {
    }

    static int hash(int a, int b, int salt) {
        int h = a * 0x9E3779B1 + b * 0x85EBCA77 + salt * 0xC2B2AE3D;
        h ^= h >>> 16;
        h *= 0x7FEB352D;
        h ^= h >>> 15;
        h *= 0x846CA68B;
        h ^= h >>> 16;
        return h;
    }

    /** Hash as a double in [0, 1). */
    static double unit(int a, int b, int salt) {
        return (hash(a, b, salt) >>> 8) / (double) (1 << 24);
    }

    /**
     * Smooth value noise in [0, 1): lattice values interpolated with a smoothstep in both axes, so
     * the texture shifts smoothly under sub-pixel camera motion instead of shimmering.
     */
    static double value(double x, double y, int salt) {
        double fx = Math.floor(x), fy = Math.floor(y);
        int ix = (int) fx, iy = (int) fy;
        double tx = x - fx, ty = y - fy;
        tx = tx * tx * (3 - 2 * tx);
        ty = ty * ty * (3 - 2 * ty);
        double a = unit(ix, iy, salt), b = unit(ix + 1, iy, salt);
        double c = unit(ix, iy + 1, salt), d = unit(ix + 1, iy + 1, salt);
        double top = a + (b - a) * tx, bottom = c + (d - c) * tx;
        return top + (bottom - top) * ty;
    }
}
