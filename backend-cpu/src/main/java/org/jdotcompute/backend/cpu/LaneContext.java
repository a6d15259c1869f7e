package org.jdotcompute.backend.cpu;

import org.jdotcompute.api.KernelContext;

/**
 * The context of one lane (work-item position) of a {@link WorkGroup} slot in a barrier
 * launch: its local id is fixed, its group changes from group to group.
 *
 * <p>Not thread-safe: confined to its lane's virtual thread.
 */
final class LaneContext implements KernelContext {
    private final WorkGroup group;
    private final int[] global;
    private final int[] local;
    private final int lidX;
    private final int lidY;
    private final int lidZ;
    private int grpX;
    private int grpY;
    private int grpZ;
    private int localCalls;

    LaneContext(WorkGroup group, int[] global, int[] local, int lane) {
        this.group = group;
        this.global = global;
        this.local = local;
        this.lidX = lane % local[0];
        this.lidY = lane / local[0] % local[1];
        this.lidZ = lane / (local[0] * local[1]);
    }

    /** Moves to the slot's current group. */
    void enterGroup() {
        grpX = group.groupX;
        grpY = group.groupY;
        grpZ = group.groupZ;
        localCalls = 0;
    }

    /** The global id in row-major linear order (x fastest). */
    long linearGlobalId() {
        return ((long) globalId(2) * global[1] + globalId(1)) * global[0] + globalId(0);
    }

    @Override
    public int globalId(int dim) {
        return groupId(dim) * localSize(dim) + localId(dim);
    }

    @Override
    public int localId(int dim) {
        return switch (dim) {
            case 0 -> lidX;
            case 1 -> lidY;
            case 2 -> lidZ;
            default -> throw Faults.badDimension(dim);
        };
    }

    @Override
    public int groupId(int dim) {
        return switch (dim) {
            case 0 -> grpX;
            case 1 -> grpY;
            case 2 -> grpZ;
            default -> throw Faults.badDimension(dim);
        };
    }

    @Override
    public int globalSize(int dim) {
        if (dim < 0 || dim > 2) {
            throw Faults.badDimension(dim);
        }
        return global[dim];
    }

    @Override
    public int localSize(int dim) {
        if (dim < 0 || dim > 2) {
            throw Faults.badDimension(dim);
        }
        return local[dim];
    }

    @Override
    public int numGroups(int dim) {
        return globalSize(dim) / localSize(dim);
    }

    @Override
    public void barrier() {
        group.barrier();
    }

    @Override
    public float[] localFloats(int n) {
        return (float[]) group.local(localCalls++, float[].class, n);
    }

    @Override
    public double[] localDoubles(int n) {
        return (double[]) group.local(localCalls++, double[].class, n);
    }

    @Override
    public int[] localInts(int n) {
        return (int[]) group.local(localCalls++, int[].class, n);
    }

    @Override
    public long[] localLongs(int n) {
        return (long[]) group.local(localCalls++, long[].class, n);
    }

    @Override
    public short[] localShorts(int n) {
        return (short[]) group.local(localCalls++, short[].class, n);
    }

    @Override
    public byte[] localBytes(int n) {
        return (byte[]) group.local(localCalls++, byte[].class, n);
    }
}
