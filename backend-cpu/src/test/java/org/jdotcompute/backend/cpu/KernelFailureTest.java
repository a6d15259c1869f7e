package org.jdotcompute.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.jdotcompute.api.CompiledKernel;
import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.api.Range;
import org.jdotcompute.api.exceptions.DeviceKernelException;
import org.jdotcompute.testkit.SourceLines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@DisplayName("A kernel failure on the CPU backend")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KernelFailureTest {
    private ComputeRuntime runtime;

    @BeforeAll
    void open() {
        runtime = ComputeRuntime.builder().backend("cpu").build();
    }

    @AfterAll
    void close() {
        runtime.close();
    }

    private DeviceKernelException launchFailing(String kernel, Range range, Object... args) {
        CompiledKernel k = runtime.compile(FailingKernels.class, kernel);
        return assertThrows(DeviceKernelException.class, () -> runtime.launch(k, range, args));
    }

    /** The line of {@link FailingKernels} marked {@code // FAILS:marker}. */
    private static int line(String marker) {
        return SourceLines.of(FailingKernels.class, "FAILS:" + marker);
    }

    private static void assertSite(DeviceKernelException e, String kernel, String marker) {
        assertEquals("FailingKernels." + kernel, e.kernelName());
        assertEquals("FailingKernels.java", e.sourceFile());
        assertEquals(line(marker), e.sourceLine());
        assertEquals("CPU", e.backend());
    }

    @Nested
    @DisplayName("is a DeviceKernelException with the real Java exception as cause")
    class Kinds {
        @Test
        @DisplayName("for an index out of bounds")
        void bounds() {
            int[] a = new int[10];
            DeviceKernelException e = launchFailing("bounds", Range.of(10), (Object) a);
            int line = line("bounds");
            assertEquals("[CPU] Execution failed: ArrayIndexOutOfBoundsException: Index 107 out of bounds for length 10"
                    + " in kernel 'FailingKernels.bounds' at FailingKernels.java:" + line
                    + " (global id (7, 0, 0); 1 failing work-item(s))", e.getMessage());
            ArrayIndexOutOfBoundsException cause = assertInstanceOf(ArrayIndexOutOfBoundsException.class, e.getCause());
            assertEquals("Index 107 out of bounds for length 10", cause.getMessage());
            assertEquals("bounds", cause.getStackTrace()[0].getMethodName());
            assertArrayEquals(new int[] {7, 0, 0}, e.globalId());
            assertEquals(1, e.failureCount());
            assertSite(e, "bounds", "bounds");
            assertEquals(1, a[6], "the work-items before the failure ran");
        }

        @Test
        @DisplayName("for a division by zero")
        void divide() {
            int[] a = new int[100];
            Arrays.fill(a, 10);
            a[42] = 0;
            DeviceKernelException e = launchFailing("divide", Range.of(100), a, new int[100]);
            assertEquals("[CPU] Execution failed: ArithmeticException: / by zero in kernel 'FailingKernels.divide' at"
                    + " FailingKernels.java:" + line("divide") + " (global id (42, 0, 0); 1 failing"
                    + " work-item(s))", e.getMessage());
            assertEquals("/ by zero", assertInstanceOf(ArithmeticException.class, e.getCause()).getMessage());
            assertSite(e, "divide", "divide");
        }

        @Test
        @DisplayName("for a user throw with a dynamic value in its message")
        void userThrow() {
            int[] a = new int[1000];
            Arrays.fill(a, 1);
            a[321] = -42;
            DeviceKernelException e = launchFailing("userThrow", Range.of(1000), (Object) a);
            assertEquals("[CPU] Execution failed: IllegalArgumentException: bad value -42 in kernel"
                    + " 'FailingKernels.userThrow' at FailingKernels.java:" + line("userThrow")
                    + " (global id (321, 0, 0); 1 failing work-item(s))", e.getMessage());
            assertEquals("bad value -42", assertInstanceOf(IllegalArgumentException.class, e.getCause()).getMessage());
            assertEquals(2, a[0], "a work-item before the failure ran");
        }

        @Test
        @DisplayName("at the line of a static helper the kernel called")
        void helper() {
            int[] a = {1, 2, 13, 4};
            DeviceKernelException e = launchFailing("inHelper", Range.of(4), (Object) a);
            assertSite(e, "inHelper", "helper");
            assertEquals("unlucky 13", e.getCause().getMessage());
            assertArrayEquals(new int[] {2, 0, 0}, e.globalId());
        }

        @Test
        @DisplayName("for an AssertionError, which is wrapped like any failure")
        void assertion() {
            DeviceKernelException e = launchFailing("assertionError", Range.of(3), (Object) new int[3]);
            assertInstanceOf(AssertionError.class, e.getCause());
            assertSite(e, "assertionError", "assertion");
        }

        @Test
        @DisplayName("for a context call with a bad dimension, at the kernel's line")
        void badDimension() {
            DeviceKernelException e = launchFailing("badDimension", Range.of(1), (Object) new int[1]);
            assertEquals("dimension 3 is out of range; use 0, 1 or 2",
                    assertInstanceOf(IllegalArgumentException.class, e.getCause()).getMessage());
            assertSite(e, "badDimension", "dimension");
        }

        @Test
        @DisplayName("but a VirtualMachineError is rethrown as it is")
        void vmError() {
            CompiledKernel k = runtime.compile(FailingKernels.class, "vmError");
            InternalError e = assertThrows(InternalError.class, () -> runtime.launch(k, Range.of(5), (Object) new int[5]));
            assertEquals("simulated VM failure", e.getMessage());
        }
    }

    @Nested
    @DisplayName("is deterministic")
    class Deterministic {
        @RepeatedTest(5)
        @DisplayName("reporting the lowest failing work-item, with every work-item run and every failure counted")
        void lowest() {
            int n = 1_000_000;
            int from = 700_001;
            int[] visits = new int[n];
            DeviceKernelException e = launchFailing("failFrom", Range.of(n), from, visits);
            assertArrayEquals(new int[] {from, 0, 0}, e.globalId());
            assertEquals("work-item " + from, e.getCause().getMessage());
            assertEquals(n - from, e.failureCount(), "every failing work-item is counted");
            for (int i = 0; i < from; i++) {
                if (visits[i] != 1) {
                    throw new AssertionError("work-item " + i + " ran " + visits[i] + " times");
                }
            }
        }

        @RepeatedTest(3)
        @DisplayName("in 2-D, lowest in row-major order")
        void twoD() {
            int[] out = new int[64 * 64];
            DeviceKernelException e = launchFailing("failIn2d", Range.of2d(64, 64), (Object) out);
            assertArrayEquals(new int[] {5, 3, 0}, e.globalId());
            assertEquals("at 5,3", e.getCause().getMessage());
            for (int i = 0; i < 3 * 64 + 5; i++) {
                assertEquals(1, out[i], "work-item " + i + " below the failure");
            }
        }

        @Test
        @DisplayName("and the failed launch still counts as a launch")
        void counted() {
            CompiledKernel k = runtime.compile(FailingKernels.class, "divide");
            long before = runtime.backend().launchCount();
            assertThrows(DeviceKernelException.class, () -> runtime.launch(k, Range.of(1), new int[1], new int[1]));
            assertEquals(1, k.launchCount());
            assertEquals(before + 1, runtime.backend().launchCount());
        }
    }

    @Nested
    @DisplayName("in a kernel with barriers")
    class InGroups {
        @Test
        @DisplayName("stops the failing group at its barrier without hanging, and reports the work-item")
        void failBeforeBarrier() {
            int[] out = new int[64 * 8];
            DeviceKernelException e = launchFailing("failBeforeBarrier", Range.of(64 * 8, 64), (Object) out);
            assertEquals("[CPU] Execution failed: IllegalStateException: group 2 lane 5 in kernel"
                    + " 'FailingKernels.failBeforeBarrier' at FailingKernels.java:" + line("group")
                    + " (global id (133, 0, 0); 1 failing work-item(s))", e.getMessage());
            for (int i = 0; i < 128; i++) {
                assertEquals(64, out[i], "groups before the failing one ran completely: work-item " + i);
            }
            for (int i = 128; i < 192; i++) {
                assertEquals(0, out[i], "the failing group stopped at its barrier: work-item " + i);
            }
        }

        @Test
        @DisplayName("reports barriers that diverge instead of hanging")
        void divergent() {
            DeviceKernelException e = launchFailing("divergentBarrier", Range.of(8, 8), (Object) new int[8]);
            IllegalStateException cause = assertInstanceOf(IllegalStateException.class, e.getCause());
            assertEquals("the work-items of work-group (0, 0, 0) of kernel 'FailingKernels.divergentBarrier' reached"
                    + " different barriers: 1 finished the kernel while the others wait at ctx.barrier(); every"
                    + " work-item of a group must reach the same barriers (keep barrier() out of conditions that"
                    + " differ between work-items)", cause.getMessage());
            assertArrayEquals(new int[] {1, 0, 0}, e.globalId());
            assertEquals(7, e.failureCount());
            assertSite(e, "divergentBarrier", "divergent");
        }

        @Test
        @DisplayName("reports group-local memory over the limit at the kernel's line")
        void tooMuchLocal() {
            DeviceKernelException e = launchFailing("tooMuchLocal", Range.of(2, 2), (Object) new long[2]);
            assertEquals("group-local arrays of kernel 'FailingKernels.tooMuchLocal' would take 8388608 bytes per"
                    + " work-group with long[1048576], over the CPU backend's limit of 1048576 bytes"
                    + " (Capabilities.localMemoryBytes()); use smaller tiles",
                    assertInstanceOf(IllegalArgumentException.class, e.getCause()).getMessage());
            assertSite(e, "tooMuchLocal", "local");
        }
    }
}
