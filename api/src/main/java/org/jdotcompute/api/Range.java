package org.jdotcompute.api;

import java.util.Arrays;

/**
 * The index space of a launch: 1, 2 or 3 dimensions of global size, and optionally a local
 * (work-group) size that divides the global size in every dimension. Without a local size the
 * backend chooses one; kernels that use barriers or group-local arrays need an explicit one.
 *
 * <p>Immutable and thread-safe.
 */
public final class Range {
    private final int dimensions;
    private final int[] global;
    private final int[] local; // null when the backend chooses

    private Range(int[] global, int[] local) {
        this.dimensions = global.length;
        this.global = padded(global);
        this.local = local == null ? null : padded(local);
    }

    private static int[] padded(int[] sizes) {
        int[] p = {1, 1, 1};
        System.arraycopy(sizes, 0, p, 0, sizes.length);
        return p;
    }

    /** A 1-D range of {@code global} work-items. */
    public static Range of(int global) {
        return new Range(checkGlobal(new int[] {global}), null);
    }

    /** A 1-D range of {@code global} work-items in work-groups of {@code local}. */
    public static Range of(int global, int local) {
        return of(global).withLocal(local);
    }

    /** A 2-D range of {@code x} by {@code y} work-items. */
    public static Range of2d(int x, int y) {
        return new Range(checkGlobal(new int[] {x, y}), null);
    }

    /** A 3-D range of {@code x} by {@code y} by {@code z} work-items. */
    public static Range of3d(int x, int y, int z) {
        return new Range(checkGlobal(new int[] {x, y, z}), null);
    }

    /**
     * This range with work-groups of the given size, one value per dimension.
     *
     * @throws IllegalArgumentException if the count differs from {@link #dimensions()}, a size
     *                                  is not positive, or a global size is not a multiple of it
     */
    public Range withLocal(int... sizes) {
        if (sizes.length != dimensions) {
            throw new IllegalArgumentException("withLocal got " + sizes.length + " size(s) " + Arrays.toString(sizes)
                    + " for a " + dimensions + "-D range; give one local size per dimension");
        }
        for (int d = 0; d < dimensions; d++) {
            int l = sizes[d];
            if (l <= 0) {
                throw new IllegalArgumentException("local size " + l + " in dimension " + d
                        + " must be positive");
            }
            if (global[d] % l != 0) {
                throw new IllegalArgumentException("global size " + global[d] + " in dimension " + d
                        + " is not a multiple of local size " + l
                        + "; round the global size up to a multiple (and guard the kernel with an index check)"
                        + " or leave the local size to the backend");
            }
        }
        return new Range(Arrays.copyOf(global, dimensions), sizes.clone());
    }

    private static int[] checkGlobal(int[] sizes) {
        for (int d = 0; d < sizes.length; d++) {
            if (sizes[d] <= 0) {
                throw new IllegalArgumentException("global size " + sizes[d] + " in dimension " + d
                        + " must be positive");
            }
        }
        return sizes;
    }

    /** The number of dimensions: 1, 2 or 3. */
    public int dimensions() {
        return dimensions;
    }

    /** The global size in {@code dim} (1 beyond {@link #dimensions()}). */
    public int global(int dim) {
        return global[checkDim(dim)];
    }

    /** Whether a local size was given. */
    public boolean hasLocal() {
        return local != null;
    }

    /**
     * The local size in {@code dim} (1 beyond {@link #dimensions()}).
     *
     * @throws IllegalStateException if no local size was given
     */
    public int local(int dim) {
        if (local == null) {
            throw new IllegalStateException("range " + this + " has no local size; check hasLocal() first");
        }
        return local[checkDim(dim)];
    }

    /** The total number of work-items. */
    public long size() {
        return (long) global[0] * global[1] * global[2];
    }

    private static int checkDim(int dim) {
        if (dim < 0 || dim > 2) {
            throw new IllegalArgumentException("dimension " + dim + " is out of range; use 0, 1 or 2");
        }
        return dim;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Range r && r.dimensions == dimensions && Arrays.equals(r.global, global)
                && Arrays.equals(r.local, local);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(global) + Arrays.hashCode(local) + dimensions;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Range[");
        sb.append(join(global));
        if (local != null) {
            sb.append(" / ").append(join(local));
        }
        return sb.append(']').toString();
    }

    private String join(int[] sizes) {
        StringBuilder sb = new StringBuilder();
        for (int d = 0; d < dimensions; d++) {
            if (d > 0) {
                sb.append('x');
            }
            sb.append(sizes[d]);
        }
        return sb.toString();
    }
}
