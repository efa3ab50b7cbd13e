package io.gvc.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import io.gvc.codec.frame.Frame;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The remembered I pictures: by content and QP, copies out, least recently used out first once over the byte bound. */
class ReferencePicturesTest {

    private static Frame picture(int fill) {
        byte[] y = new byte[16 * 16];
        Arrays.fill(y, (byte) fill);
        return new Frame(16, 16, y, new byte[64], new byte[64]);
    }

    @Test
    void aRememberedPictureIsNotCodedAgainAndComesOutAsACopy() {
        ReferencePictures refs = new ReferencePictures();
        AtomicInteger coded = new AtomicInteger();
        byte[] first = refs.get(picture(1), 30, () -> {
            coded.incrementAndGet();
            return new byte[] {1, 2, 3};
        });
        byte[] again = refs.get(picture(1), 30, () -> {
            coded.incrementAndGet();
            return new byte[] {9};
        });
        assertEquals(1, coded.get());
        assertArrayEquals(first, again);
        assertNotSame(first, again);
        again[0] = 7; // a caller's change does not reach what is remembered
        assertArrayEquals(new byte[] {1, 2, 3}, refs.get(picture(1), 30, () -> new byte[] {9}));
        // another QP, or another picture, is another I picture
        assertArrayEquals(new byte[] {9}, refs.get(picture(1), 31, () -> new byte[] {9}));
        assertArrayEquals(new byte[] {8}, refs.get(picture(2), 30, () -> new byte[] {8}));
    }

    @Test
    void overTheByteBoundTheLeastRecentlyUsedGoFirst() {
        ReferencePictures refs = new ReferencePictures();
        int quarter = (int) (ReferencePictures.MAX_BYTES / 4);
        for (int i = 0; i < 4; i++) {
            refs.put(picture(i), 30, new byte[quarter]); // exactly the bound: all four held
        }
        AtomicInteger coded = new AtomicInteger();
        refs.get(picture(0), 30, () -> {
            coded.incrementAndGet();
            return new byte[quarter];
        }); // picture 0 is now the most recently used
        assertEquals(0, coded.get());
        refs.put(picture(4), 30, new byte[1]); // one byte over: the least recently used (picture 1) goes
        for (int i : new int[] {0, 2, 3, 4}) {
            refs.get(picture(i), 30, () -> {
                coded.incrementAndGet();
                return new byte[1];
            });
        }
        assertEquals(0, coded.get(), "0, 2, 3 and 4 are still held");
        refs.get(picture(1), 30, () -> {
            coded.incrementAndGet();
            return new byte[1];
        });
        assertEquals(1, coded.get(), "1 was coded again");
    }
}
