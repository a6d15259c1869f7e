package org.jdotcompute.backend.metal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;

import org.jdotcompute.api.KernelContext;
import org.jdotcompute.spi.KernelRequest;
import org.jdotcompute.spi.ir.KernelIR;

/**
 * Java kernel methods whose IR {@link IrKernels} builds by hand, and the {@link KernelRequest}s a
 * runtime would make for them. The bodies are what the IR stands for; on Metal only the IR runs.
 */
final class TestKernels {
    private TestKernels() {
    }

    static void saxpy(KernelContext ctx, float a, float[] x, float[] y) {
        int i = ctx.globalId(0);
        if (i < y.length) {
            y[i] = a * x[i] + y[i];
        }
    }

    static void groupSum(KernelContext ctx, float[] in, float[] out) {
        float[] tile = ctx.localFloats(64);
        int lid = ctx.localId(0);
        tile[lid] = in[ctx.globalId(0)];
        ctx.barrier();
        for (int s = ctx.localSize(0) >> 1; s > 0; s >>>= 1) {
            if (lid < s) {
                tile[lid] += tile[lid + s];
            }
            ctx.barrier();
        }
        if (lid == 0) {
            out[ctx.groupId(0)] = tile[0];
        }
    }

    static void deviceCalls(KernelContext ctx, byte[] bytes, boolean[] flags, short[] shorts, char[] chars, int d) {
        // the IR of IrKernels.deviceCalls stands for this method; see there
    }

    static void norms(KernelContext ctx, double[] x) {
        int i = ctx.globalId(0);
        x[i] = Math.sqrt(x[i]);
    }

    /** The request a runtime would make to compile {@code ir} as the method of the same name here. */
    static KernelRequest request(KernelIR ir) {
        String method = ir.kernelName().substring(ir.kernelName().indexOf('.') + 1);
        Method m = Arrays.stream(TestKernels.class.getDeclaredMethods()).filter(x -> x.getName().equals(method))
                .findFirst().orElseThrow(() -> new AssertionError("no test kernel method " + method));
        MethodHandle handle;
        try {
            handle = MethodHandles.lookup().unreflect(m);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
        List<Class<?>> types = List.of(m.getParameterTypes()).subList(1, m.getParameterCount());
        return new KernelRequest(ir.kernelName(), m, handle, types, ir.checks(), () -> ir);
    }
}
