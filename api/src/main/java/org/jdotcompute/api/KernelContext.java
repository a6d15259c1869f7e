package org.jdotcompute.api;

/**
 * The work-item's view of a launch, passed as the first argument of every kernel. Inside a
 * kernel its methods are intrinsics: GPU backends translate them, the CPU backend implements
 * them directly. Dimensions are {@code 0}, {@code 1} and {@code 2}; a dimension beyond the
 * range's has global and local size 1 and id 0.
 *
 * <p>Not thread-safe: each work-item has its own context; never store it or pass it to
 * another thread.
 */
public interface KernelContext {
    /** The work-item's global id in {@code dim}. */
    int globalId(int dim);

    /** The work-item's id within its work-group in {@code dim}. */
    int localId(int dim);

    /** The work-group's id in {@code dim}. */
    int groupId(int dim);

    /** The launch's global size in {@code dim}. */
    int globalSize(int dim);

    /** The work-group size in {@code dim}. */
    int localSize(int dim);

    /** The number of work-groups in {@code dim}. */
    int numGroups(int dim);

    /**
     * Waits until every work-item of the work-group has reached this barrier; memory written
     * before it (group-local and global) is visible to the group after it. Every work-item of
     * the group must reach the same barriers. A kernel that calls it needs a range with an
     * explicit local size.
     */
    void barrier();

    /**
     * A group-local {@code float} array of {@code n} elements shared by the work-group. The
     * {@code k}-th call of a work-item returns the group's {@code k}-th local array; {@code n}
     * must be a compile-time constant for GPU backends.
     */
    float[] localFloats(int n);

    /** A group-local {@code double} array; see {@link #localFloats(int)}. */
    double[] localDoubles(int n);

    /** A group-local {@code int} array; see {@link #localFloats(int)}. */
    int[] localInts(int n);

    /** A group-local {@code long} array; see {@link #localFloats(int)}. */
    long[] localLongs(int n);

    /** A group-local {@code short} array; see {@link #localFloats(int)}. */
    short[] localShorts(int n);

    /** A group-local {@code byte} array; see {@link #localFloats(int)}. */
    byte[] localBytes(int n);
}
