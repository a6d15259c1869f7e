package org.jdotcompute.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jdotcompute.api.Range;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Launch geometry from a Range")
class LaunchGeometryTest {
    private static final LaunchGeometry.Limits H100 = new LaunchGeometry.Limits(1024, new int[] {1024, 1024, 64},
            new int[] {Integer.MAX_VALUE, 65535, 65535});

    @Nested
    @DisplayName("without a local size")
    class Chosen {
        @Test
        @DisplayName("a Java kernel gets 256-wide blocks and a rounded-up grid (its guard skips the rest)")
        void javaKernelRoundsUp() {
            LaunchGeometry g = LaunchGeometry.of("k", Range.of(1000), false, false, 1024, H100);
            assertArrayEquals(new int[] {256, 1, 1}, g.block());
            assertArrayEquals(new int[] {4, 1, 1}, g.grid());
        }

        @Test
        @DisplayName("a tiny range gets a block no wider than the next power of two")
        void tiny() {
            LaunchGeometry g = LaunchGeometry.of("k", Range.of(3), false, false, 1024, H100);
            assertArrayEquals(new int[] {4, 1, 1}, g.block());
            assertArrayEquals(new int[] {1, 1, 1}, g.grid());
        }

        @Test
        @DisplayName("2-D and 3-D ranges get 16x16 and 8x8x4 blocks")
        void twoAndThreeD() {
            assertArrayEquals(new int[] {16, 16, 1}, LaunchGeometry.of("k", Range.of2d(100, 100), false, false, 1024, H100).block());
            assertArrayEquals(new int[] {7, 7, 1}, LaunchGeometry.of("k", Range.of2d(100, 100), false, false, 1024, H100).grid());
            assertArrayEquals(new int[] {8, 8, 4}, LaunchGeometry.of("k", Range.of3d(64, 64, 64), false, false, 1024, H100).block());
        }

        @Test
        @DisplayName("the kernel's own thread limit shrinks the block")
        void kernelLimit() {
            LaunchGeometry g = LaunchGeometry.of("k", Range.of(1000), false, false, 128, H100);
            assertArrayEquals(new int[] {128, 1, 1}, g.block());
            assertArrayEquals(new int[] {8, 1, 1}, g.grid());
        }

        @Test
        @DisplayName("a CUDA C source kernel gets an exact grid: the largest divisor of the global size")
        void sourceKernelExact() {
            LaunchGeometry g = LaunchGeometry.of("k", Range.of(1000), false, true, 1024, H100);
            assertArrayEquals(new int[] {250, 1, 1}, g.block());
            assertArrayEquals(new int[] {4, 1, 1}, g.grid());
            assertArrayEquals(new int[] {1, 1, 1}, LaunchGeometry.of("k", Range.of(1009), false, true, 1024, H100).block());
        }

        @Test
        @DisplayName("a kernel with barriers or local arrays needs an explicit local size")
        void barrierNeedsLocal() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> LaunchGeometry.of("Kernels.groupSum", Range.of(1024), true, false, 1024, H100));
            assertEquals("kernel 'Kernels.groupSum' uses barriers or group-local arrays and needs an explicit local size,"
                    + " but Range[1024] has none; launch it with Range.of(global, local) or range.withLocal(...)", e.getMessage());
        }
    }

    @Nested
    @DisplayName("with a local size")
    class Given {
        @Test
        @DisplayName("the block is the local size and the grid global / local")
        void exact() {
            LaunchGeometry g = LaunchGeometry.of("k", Range.of(1024, 128), true, false, 1024, H100);
            assertArrayEquals(new int[] {128, 1, 1}, g.block());
            assertArrayEquals(new int[] {8, 1, 1}, g.grid());
        }

        @Test
        @DisplayName("a work-group larger than the kernel can run is rejected naming both")
        void tooLarge() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> LaunchGeometry.of("k", Range.of(2048, 1024), false, false, 512, H100));
            assertEquals("the local size of Range[2048 / 1024] for kernel 'k' has 1024 work-items; this kernel can run at"
                    + " most 512 per work-group on this device; use a smaller local size", e.getMessage());
        }

        @Test
        @DisplayName("a grid beyond the device's limit is rejected")
        void gridTooLarge() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> LaunchGeometry.of("k", Range.of2d(1, 2_000_000), false, false, 1024, H100));
            assertEquals("global size 2000000 in dimension 1 of Range[1x2000000] for kernel 'k' needs 125000 blocks of 16;"
                    + " the device allows 65535 in that dimension", e.getMessage());
        }
    }
}
