package org.jdotcompute.benchmarks;

import org.jdotcompute.api.Kernel;
import org.jdotcompute.api.KernelContext;

/**
 * The Java kernels of the benchmarks, one set for every backend: the CPU's P4 ({@code vectorAdd},
 * {@code saxpy}, {@code matmul}) and P5 ({@code increment}), OpenCL's P6 (the same arithmetic as
 * {@code opencl.HandWrittenOpenCl#SOURCE}), P7 (a gather and a stencil, whose every array access
 * is bounds-checked under {@code CheckMode.INDEX}) and P8. Kept here rather than taken from the
 * conformance kit's corpus or a backend's test kernels: benchmarks must not depend on test code,
 * and their kernels must not change when a test's coverage needs do, or figures stop being
 * comparable with their recorded baselines. Stateless.
 */
public final class BenchKernels {
    private BenchKernels() {
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

    /** Adds one to each cell: the smallest kernel, for launch overhead. */
    @Kernel
    public static void increment(KernelContext ctx, int[] cells) {
        cells[ctx.globalId(0)] += 1;
    }

    /** {@code dst[i] = src[index[i]]}: three checked accesses, one data-dependent. */
    @Kernel
    public static void gather(KernelContext ctx, int[] index, float[] src, float[] dst) {
        int i = ctx.globalId(0);
        dst[i] = src[index[i]];
    }

    /** A 5-point stencil over the interior of a {@code width x height} grid: six checked accesses. */
    @Kernel
    public static void stencil(KernelContext ctx, int width, int height, float[] in, float[] out) {
        int x = ctx.globalId(0);
        int y = ctx.globalId(1);
        if (x > 0 && y > 0 && x < width - 1 && y < height - 1) {
            int c = y * width + x;
            out[c] = 0.2f * (in[c] + in[c - 1] + in[c + 1] + in[c - width] + in[c + width]);
        }
    }
}
