package io.gvc.model.runtime;

/** float32 to and from IEEE float16 and bfloat16, rounding to nearest even (Java 17 has neither). */
public final class Half {

    private Half() {
    }

    public static short toFloat16(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exp = (bits >>> 23) & 0xFF;
        int mant = bits & 0x7FFFFF;
        if (exp == 0xFF) { // Inf or NaN
            return (short) (sign | 0x7C00 | (mant != 0 ? 0x200 | (mant >>> 13) : 0));
        }
        int e = exp - 127 + 15;
        if (e >= 0x1F) {
            return (short) (sign | 0x7C00); // overflow to infinity
        }
        if (e <= 0) { // subnormal half or zero
            if (e < -10) {
                return (short) sign;
            }
            int m = mant | 0x800000;
            int shift = 14 - e;
            int half = m >>> shift;
            int rem = m & ((1 << shift) - 1);
            int mid = 1 << (shift - 1);
            if (rem > mid || (rem == mid && (half & 1) != 0)) {
                half++;
            }
            return (short) (sign | half);
        }
        int half = (e << 10) | (mant >>> 13);
        int rem = mant & 0x1FFF;
        if (rem > 0x1000 || (rem == 0x1000 && (half & 1) != 0)) {
            half++; // may carry into the exponent, which is still correct (up to infinity)
        }
        return (short) (sign | half);
    }

    public static float fromFloat16(short h) {
        int s = (h & 0x8000) << 16;
        int e = (h >>> 10) & 0x1F;
        int m = h & 0x3FF;
        if (e == 0) {
            if (m == 0) {
                return Float.intBitsToFloat(s);
            }
            float v = m * 0x1p-24f;
            return s != 0 ? -v : v;
        }
        if (e == 0x1F) {
            return Float.intBitsToFloat(s | 0x7F800000 | (m << 13));
        }
        return Float.intBitsToFloat(s | ((e - 15 + 127) << 23) | (m << 13));
    }

    public static short toBfloat16(float f) {
        int bits = Float.floatToRawIntBits(f);
        if ((bits & 0x7F800000) == 0x7F800000 && (bits & 0x7FFFFF) != 0) {
            return (short) ((bits >>> 16) | 0x40); // quiet NaN
        }
        int lsb = (bits >>> 16) & 1;
        return (short) ((bits + 0x7FFF + lsb) >>> 16);
    }

    public static float fromBfloat16(short b) {
        return Float.intBitsToFloat((b & 0xFFFF) << 16);
    }
}
