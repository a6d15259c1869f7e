package org.jdotcompute.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.invoke.MethodHandles;
import java.util.Random;

import org.jdotcompute.api.CompiledKernel;
import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.api.Kernel;
import org.jdotcompute.api.KernelContext;
import org.jdotcompute.api.Range;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The SAXPY kernel of the product brief, exactly as a user writes it, on OpenCL without a change:
 * compiled from its bytecode, launched over a range larger than the arrays, and giving the CPU
 * backend's results bit for bit.
 */
@DisplayName("The README's SAXPY kernel")
class ReadmeKernelTest {
    @Kernel
    static void saxpy(KernelContext ctx, float a, float[] x, float[] y) {
        int i = ctx.globalId(0);
        if (i < y.length) y[i] = a * x[i] + y[i];
    }

    private static float[] run(String backend, float a, float[] x, float[] y) {
        try (ComputeRuntime runtime = ComputeRuntime.builder().backend(backend).build()) {
            CompiledKernel kernel = runtime.compile(MethodHandles.lookup(), "saxpy");
            float[] out = y.clone();
            runtime.launch(kernel, Range.of(1 << 20), a, x, out);
            return out;
        }
    }

    @Test
    @DisplayName("runs unchanged on OpenCL and gives the CPU backend's floats bit for bit")
    void runsOnOpenCl() {
        OpenClTestSupport.assumeOpenCl();
        int n = 1_000_003; // not a multiple of anything: the guard matters
        Random random = new Random(2026);
        float[] x = new float[n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextFloat() * 2e3f - 1e3f;
            y[i] = random.nextFloat() * 2e3f - 1e3f;
        }
        float a = 2.5f;
        float[] onCpu = run("cpu", a, x, y);
        float[] onOpenCl = run("opencl", a, x, y);
        for (int i = 0; i < n; i++) {
            assertEquals(Float.floatToIntBits(a * x[i] + y[i]), Float.floatToIntBits(onCpu[i]), "CPU y[" + i + "]");
            assertEquals(Float.floatToIntBits(onCpu[i]), Float.floatToIntBits(onOpenCl[i]), "OpenCL y[" + i + "]");
        }
    }
}
