package org.jdotcompute.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.invoke.MethodHandles;

import org.jdotcompute.api.CompiledKernel;
import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.api.KernelContext;
import org.jdotcompute.api.Range;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * PoCL installs a process-wide SIGFPE handler that skips the faulting instruction, which turns a
 * division by zero in compiled Java code into a silent garbage result instead of
 * {@code ArithmeticException}; the backend keeps the JVM's handler in place ({@code SignalGuard}).
 */
@DisplayName("Java code in the same JVM as an OpenCL driver")
class JavaDivisionAfterOpenClTest {
    static void copy(KernelContext ctx, int[] in, int[] out) {
        int i = ctx.globalId(0);
        out[i] = in[i] / (in[i] | 1);
    }

    private static int divide(int a, int b) {
        return a / b;
    }

    private static long remainder(long a, long b) {
        return a % b;
    }

    @Test
    @DisplayName("still throws ArithmeticException for an integer division by zero once the driver has run a kernel")
    void divisionByZeroStillThrows() {
        OpenClTestSupport.assumeOpenCl();
        try (ComputeRuntime runtime = ComputeRuntime.builder().backend("opencl").build()) {
            CompiledKernel kernel = runtime.compile(MethodHandles.lookup(), "copy");
            runtime.launch(kernel, Range.of(64), new int[64], new int[64]); // the driver is loaded and has built a program
        }
        long sink = 0;
        for (int round = 0; round < 5; round++) {
            // Warm both methods with non-zero divisors until the JIT compiles them with implicit
            // zero checks (HotSpot catches SIGFPE), then divide by zero.
            for (int i = 1; i < 200_000; i++) {
                sink += divide(i, i & 7 | 1) + remainder(i, i & 7 | 1);
            }
            int zero = round - round; // not a constant: javac must not fold the division
            int dividend = 7 + round;
            ArithmeticException e = assertThrows(ArithmeticException.class, () -> divide(dividend, zero),
                    "int division by zero in compiled Java code");
            assertEquals("/ by zero", e.getMessage());
            assertThrows(ArithmeticException.class, () -> remainder(dividend, zero), "long remainder by zero");
        }
        assertEquals(true, sink != 0, "the warm-up ran");
    }
}
