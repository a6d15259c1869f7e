package org.jdotcompute.backend.cpu;

import org.jdotcompute.api.KernelContext;

/**
 * The context of a kernel without barriers or group-local arrays: one mutable instance per
 * chunk, moved from work-item to work-item by the generated loop (which writes {@link #x}).
 * Local and group ids are derived from the global id when asked for.
 *
 * <p>Not thread-safe: confined to the thread running its chunk.
 */
final class ItemContext implements KernelContext {
    private final String kernelName;
    private final int gx;
    private final int gy;
    private final int gz;
    private final int lx;
    private final int ly;
    private final int lz;
    /** The current work-item; written by the generated loop for each work-item. */
    int x;
    int y;
    int z;

    ItemContext(String kernelName, int[] global, int[] local) {
        this.kernelName = kernelName;
        this.gx = global[0];
        this.gy = global[1];
        this.gz = global[2];
        this.lx = local[0];
        this.ly = local[1];
        this.lz = local[2];
    }

    @Override
    public int globalId(int dim) {
        if (dim == 0) {
            return x;
        }
        if (dim == 1) {
            return y;
        }
        if (dim == 2) {
            return z;
        }
        throw Faults.badDimension(dim);
    }

    @Override
    public int localId(int dim) {
        return globalId(dim) % localSize(dim);
    }

    @Override
    public int groupId(int dim) {
        return globalId(dim) / localSize(dim);
    }

    @Override
    public int globalSize(int dim) {
        if (dim == 0) {
            return gx;
        }
        if (dim == 1) {
            return gy;
        }
        if (dim == 2) {
            return gz;
        }
        throw Faults.badDimension(dim);
    }

    @Override
    public int localSize(int dim) {
        if (dim == 0) {
            return lx;
        }
        if (dim == 1) {
            return ly;
        }
        if (dim == 2) {
            return lz;
        }
        throw Faults.badDimension(dim);
    }

    @Override
    public int numGroups(int dim) {
        return globalSize(dim) / localSize(dim);
    }

    @Override
    public void barrier() {
        throw notScanned("ctx.barrier()");
    }

    @Override
    public float[] localFloats(int n) {
        throw notScanned("ctx.localFloats(" + n + ")");
    }

    @Override
    public double[] localDoubles(int n) {
        throw notScanned("ctx.localDoubles(" + n + ")");
    }

    @Override
    public int[] localInts(int n) {
        throw notScanned("ctx.localInts(" + n + ")");
    }

    @Override
    public long[] localLongs(int n) {
        throw notScanned("ctx.localLongs(" + n + ")");
    }

    @Override
    public short[] localShorts(int n) {
        throw notScanned("ctx.localShorts(" + n + ")");
    }

    @Override
    public byte[] localBytes(int n) {
        throw notScanned("ctx.localBytes(" + n + ")");
    }

    private IllegalStateException notScanned(String call) {
        return Faults.inKernel(new IllegalStateException("kernel '" + kernelName + "' called " + call
                + ", but the CPU backend found no barrier or group-local array in its bytecode, so it runs without"
                + " work-groups; the call is reached in a way the bytecode scan does not follow (a virtual call,"
                + " reflection, a method handle, or a class whose bytecode cannot be read). Call it from the kernel"
                + " method or from static methods it calls"));
    }
}
