package org.jdotcompute.benchmarks.cpu;

import org.jdotcompute.api.Kernel;
import org.jdotcompute.api.KernelContext;

/** The kernels of the CPU benchmarks (P4, P5). Stateless. */
public final class CpuKernels {
    private CpuKernels() {
    }

    @Kernel
    public static void vectorAdd(KernelContext ctx, float[] a, float[] b, float[] c) {
        int i = ctx.globalId(0);
        if (i < c.length) {
            c[i] = a[i] + b[i];
        }
    }

    @Kernel
    public static void saxpy(KernelContext ctx, float a, float[] x, float[] y) {
        int i = ctx.globalId(0);
        if (i < y.length) {
            y[i] = a * x[i] + y[i];
        }
    }

    @Kernel
    public static void matmul(KernelContext ctx, int n, float[] a, float[] b, float[] c) {
        int col = ctx.globalId(0);
        int row = ctx.globalId(1);
        float sum = 0f;
        for (int k = 0; k < n; k++) {
            sum += a[row * n + k] * b[k * n + col];
        }
        c[row * n + col] = sum;
    }

    @Kernel
    public static void increment(KernelContext ctx, int[] cells) {
        cells[ctx.globalId(0)] += 1;
    }
}
