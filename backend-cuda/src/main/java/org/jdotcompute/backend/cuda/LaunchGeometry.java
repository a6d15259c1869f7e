package org.jdotcompute.backend.cuda;

import java.util.Arrays;

import org.jdotcompute.api.Range;

/**
 * The grid and block of a launch, from a {@link Range} and the device's limits. Pure
 * computation. Immutable and thread-safe.
 *
 * <ul>
 *   <li>With a local size: the block is the local size (checked against the device and the
 *       kernel), the grid is global / local per dimension.</li>
 *   <li>Without one, for a Java kernel: 256 work-items per block in 1-D, 16×16 in 2-D, 8×8×4 in
 *       3-D (shrunk to the kernel's limit and to the global size), the grid rounded up; the
 *       kernel's guard skips the work-items past the global size.</li>
 *   <li>Without one, for a CUDA C source kernel, which has no hidden global size to guard with:
 *       per dimension the largest divisor of the global size up to those sizes, so the grid is
 *       exact.</li>
 *   <li>Kernels with barriers or group-local arrays need an explicit local size.</li>
 * </ul>
 *
 * @param grid  blocks per dimension
 * @param block work-items per block per dimension
 */
record LaunchGeometry(int[] grid, int[] block) {
    LaunchGeometry {
        grid = grid.clone();
        block = block.clone();
    }

    @Override
    public int[] grid() {
        return grid.clone();
    }

    @Override
    public int[] block() {
        return block.clone();
    }

    /** The device's launch limits. */
    record Limits(int maxThreadsPerBlock, int[] maxBlock, int[] maxGrid) {
        Limits {
            maxBlock = maxBlock.clone();
            maxGrid = maxGrid.clone();
        }
    }

    /**
     * Computes the geometry.
     *
     * @param kernel            the kernel's name, for messages
     * @param range             the launch range
     * @param needsLocalSize    whether the kernel needs an explicit local size (barriers, local arrays)
     * @param exactGrid         whether the grid must cover the global size exactly (source kernels)
     * @param kernelMaxThreads  the kernel's own block limit ({@code CU_FUNC_ATTRIBUTE_MAX_THREADS_PER_BLOCK})
     * @param limits            the device's limits
     * @throws IllegalArgumentException naming the kernel and the offending value
     */
    static LaunchGeometry of(String kernel, Range range, boolean needsLocalSize, boolean exactGrid, int kernelMaxThreads,
            Limits limits) {
        int maxThreads = Math.min(kernelMaxThreads, limits.maxThreadsPerBlock());
        int[] block = new int[3];
        if (range.hasLocal()) {
            long product = 1;
            for (int d = 0; d < 3; d++) {
                block[d] = range.local(d);
                product *= block[d];
                if (block[d] > limits.maxBlock()[d]) {
                    throw new IllegalArgumentException("local size " + block[d] + " in dimension " + d + " of " + range
                            + " for kernel '" + kernel + "' exceeds the device's limit of " + limits.maxBlock()[d]);
                }
            }
            if (product > maxThreads) {
                throw new IllegalArgumentException("the local size of " + range + " for kernel '" + kernel + "' has "
                        + product + " work-items; this kernel can run at most " + maxThreads
                        + " per work-group on this device; use a smaller local size");
            }
        } else if (needsLocalSize) {
            throw new IllegalArgumentException("kernel '" + kernel + "' uses barriers or group-local arrays and needs an"
                    + " explicit local size, but " + range + " has none; launch it with Range.of(global, local) or"
                    + " range.withLocal(...)");
        } else {
            int[] target = switch (range.dimensions()) {
                case 1 -> new int[] {256, 1, 1};
                case 2 -> new int[] {16, 16, 1};
                default -> new int[] {8, 8, 4};
            };
            for (int d = 0; d < 3; d++) {
                int t = Math.min(target[d], limits.maxBlock()[d]);
                block[d] = exactGrid ? largestDivisorAtMost(range.global(d), t)
                        : Math.min(t, roundUpToPowerOfTwo(range.global(d)));
            }
            while ((long) block[0] * block[1] * block[2] > maxThreads) {
                int widest = block[0] >= block[1] && block[0] >= block[2] ? 0 : block[1] >= block[2] ? 1 : 2;
                block[widest] = exactGrid ? largestDivisorAtMost(range.global(widest), block[widest] - 1)
                        : Math.max(1, block[widest] / 2);
            }
        }
        int[] grid = new int[3];
        for (int d = 0; d < 3; d++) {
            long g = ((long) range.global(d) + block[d] - 1) / block[d];
            if (g > limits.maxGrid()[d]) {
                throw new IllegalArgumentException("global size " + range.global(d) + " in dimension " + d + " of " + range
                        + " for kernel '" + kernel + "' needs " + g + " blocks of " + block[d]
                        + "; the device allows " + limits.maxGrid()[d] + " in that dimension");
            }
            grid[d] = (int) g;
        }
        return new LaunchGeometry(grid, block);
    }

    private static int roundUpToPowerOfTwo(int n) {
        int p = Integer.highestOneBit(n);
        return p == n ? n : (p > (1 << 29) ? 1 << 30 : p << 1);
    }

    private static int largestDivisorAtMost(int n, int limit) {
        for (int c = Math.max(1, Math.min(n, limit)); c > 1; c--) {
            if (n % c == 0) {
                return c;
            }
        }
        return 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LaunchGeometry g && Arrays.equals(g.grid, grid) && Arrays.equals(g.block, block);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(grid) + Arrays.hashCode(block);
    }

    @Override
    public String toString() {
        return "grid " + Arrays.toString(grid) + ", block " + Arrays.toString(block);
    }
}
