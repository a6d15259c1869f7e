package org.jdotcompute.benchmarks.cuda;

import org.jdotcompute.api.KernelContext;

/**
 * The Java kernels of the CUDA benchmarks (P9). Public static methods of a public class: the
 * benchmarks run on the class path. Stateless.
 */
public final class CudaKernels {
    private CudaKernels() {
    }

    /** Adds one to each cell; launched over one work-item to measure the launch. */
    public static void increment(KernelContext ctx, int[] cells) {
        int i = ctx.globalId(0);
        cells[i] = cells[i] + 1;
    }

    /** {@code c = a + b}: reads 8 and writes 4 bytes per work-item. */
    public static void vectorAdd(KernelContext ctx, float[] a, float[] b, float[] c) {
        int i = ctx.globalId(0);
        c[i] = a[i] + b[i];
    }
}
