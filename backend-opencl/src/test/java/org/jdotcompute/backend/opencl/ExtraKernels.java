package org.jdotcompute.backend.opencl;

import java.lang.invoke.MethodHandles;

import org.jdotcompute.api.KernelContext;

/**
 * Java kernels for what the shared corpus does not cover and OpenCL's ABI makes special: scalar
 * parameters of every type (sub-int scalars travel widened to {@code int}), failures in 2-D and
 * 3-D ranges (the reported global id has more than one coordinate), and a barrier kernel where
 * every work-item fails with its own message. {@link ExtraDifferentialTest} records the lines of
 * this file: keep them in step.
 */
final class ExtraKernels {
    private ExtraKernels() {
    }

    static MethodHandles.Lookup lookup() {
        return MethodHandles.lookup();
    }

    static void scalars(KernelContext ctx, boolean z, byte b, char c, short s, int i, long l, float f, double d,
            long[] out, double[] dout) {
        int g = ctx.globalId(0);
        out[g * 8] = z ? g + 1 : -g;
        out[g * 8 + 1] = b * (long) g;
        out[g * 8 + 2] = c + g;
        out[g * 8 + 3] = (short) (s * g);
        out[g * 8 + 4] = i ^ g;
        out[g * 8 + 5] = l >>> g;
        out[g * 8 + 6] = (long) (f * g);
        out[g * 8 + 7] = (byte) (c + b);
        dout[g * 2] = f / (g + 1);
        dout[g * 2 + 1] = d * g - f;
    }

    static void failure2d(KernelContext ctx, int[] grid, int width) {
        int x = ctx.globalId(0);
        int y = ctx.globalId(1);
        int bump = x == 5 && y == 3 ? 1000 : 0;
        grid[y * width + x + bump] = x + y; // line 41
    }

    static void failure3d(KernelContext ctx, int[] cells) {
        int x = ctx.globalId(0);
        int y = ctx.globalId(1);
        int z = ctx.globalId(2);
        if (cells[(z * 4 + y) * 4 + x] < 0) {
            throw new IllegalStateException("cell " + x + "," + y + "," + z + " is " + cells[(z * 4 + y) * 4 + x]); // line 49
        }
    }

    static void everyItemFails(KernelContext ctx, float[] in, float[] out) {
        float[] tile = ctx.localFloats(32);
        int lid = ctx.localId(0);
        tile[lid] = in[ctx.globalId(0) + in.length]; // line 56
        ctx.barrier();
        out[ctx.globalId(0)] = tile[31 - lid];
    }
}
