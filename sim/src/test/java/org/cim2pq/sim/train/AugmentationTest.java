package org.cim2pq.sim.train;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AugmentationTest {

    private static final byte[] IMAGE = new byte[2 * 3 * 3];

    static {
        for (int i = 0; i < IMAGE.length; i++) {
            IMAGE[i] = (byte) (i + 1);
        }
    }

    @Test
    void flipOnlyMirrorsEachRowOfEachChannel() {
        Augmentation flip = new Augmentation(0, true);
        byte[] out = new byte[IMAGE.length];
        boolean sawFlip = false;
        boolean sawSame = false;
        SplittableRandom r = new SplittableRandom(1);
        for (int k = 0; k < 20; k++) {
            flip.apply(IMAGE, out, 2, 3, 3, r);
            if (out[0] == IMAGE[2]) {
                sawFlip = true;
                assertArrayEquals(new byte[] {3, 2, 1, 6, 5, 4, 9, 8, 7, 12, 11, 10, 15, 14, 13, 18, 17, 16}, out);
            } else {
                sawSame = true;
                assertArrayEquals(IMAGE, out);
            }
        }
        assertTrue(sawFlip && sawSame, "about half of the images are flipped");
    }

    @Test
    void cropShiftsWithZeroFillAndKeepsEveryPixelInPlaceOrZero() {
        Augmentation crop = new Augmentation(1, false);
        byte[] out = new byte[IMAGE.length];
        SplittableRandom r = new SplittableRandom(5);
        int shifted = 0;
        for (int k = 0; k < 30; k++) {
            crop.apply(IMAGE, out, 2, 3, 3, r);
            // Find the shift from the centre pixel of channel 0 (value 5 at (1,1)).
            // out(1,1) = IMAGE(1+dy, 1+dx) = 5 + 3 dy + dx with dx, dy in {-1, 0, 1}.
            int dy = (int) Math.round((out[4] - 5) / 3.0);
            int dx = (out[4] - 5) - 3 * dy;
            assertTrue(Math.abs(dy) <= 1 && Math.abs(dx) <= 1);
            for (int c = 0; c < 2; c++) {
                for (int y = 0; y < 3; y++) {
                    for (int x = 0; x < 3; x++) {
                        int sy = y + dy;
                        int sx = x + dx;
                        int expected = sy < 0 || sy > 2 || sx < 0 || sx > 2 ? 0 : IMAGE[c * 9 + sy * 3 + sx];
                        assertEquals(expected, out[c * 9 + y * 3 + x]);
                    }
                }
            }
            shifted += dy != 0 || dx != 0 ? 1 : 0;
        }
        assertTrue(shifted > 10, "most crops move the image");
        assertEquals("none", Augmentation.NONE.toString());
    }
}
