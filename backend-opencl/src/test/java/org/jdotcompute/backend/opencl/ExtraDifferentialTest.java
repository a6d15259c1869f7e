package org.jdotcompute.backend.opencl;

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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link ExtraKernels} on the CPU backend and on OpenCL: what the shared corpus does not cover. */
@DisplayName("Beyond the corpus, OpenCL matches the CPU backend")
class ExtraDifferentialTest {
    private static ComputeRuntime cpu;
    private static ComputeRuntime opencl;

    @BeforeAll
    static void open() {
        OpenClTestSupport.assumeOpenCl();
        cpu = ComputeRuntime.builder().backend("cpu").build();
        opencl = ComputeRuntime.builder().backend("opencl").build();
    }

    @AfterAll
    static void close() {
        if (opencl != null) {
            opencl.close();
        }
        if (cpu != null) {
            cpu.close();
        }
    }

    private static void launch(ComputeRuntime runtime, String kernel, Range range, Object... args) {
        CompiledKernel k = runtime.compile(ExtraKernels.lookup(), kernel);
        runtime.launch(k, range, args);
    }

    private static DeviceKernelException failure(ComputeRuntime runtime, String kernel, Range range, Object... args) {
        return assertThrows(DeviceKernelException.class, () -> launch(runtime, kernel, range, args),
                kernel + " must fail on " + runtime.backend().displayName());
    }

    @Test
    @DisplayName("scalar parameters of every primitive type arrive with their Java values")
    void scalars() {
        Object[] values = {true, (byte) -7, '\uffee', (short) -30000, 0x7654_3210, Long.MIN_VALUE + 12345, -1.5e-3f,
            Math.PI};
        for (boolean z : new boolean[] {true, false}) {
            values[0] = z;
            long[] outCpu = new long[64 * 8];
            double[] dCpu = new double[64 * 2];
            long[] outCl = new long[64 * 8];
            double[] dCl = new double[64 * 2];
            launch(cpu, "scalars", Range.of(64), append(values, outCpu, dCpu));
            launch(opencl, "scalars", Range.of(64), append(values, outCl, dCl));
            assertArrayEquals(outCpu, outCl, "long outputs with z = " + z);
            for (int i = 0; i < dCpu.length; i++) {
                assertEquals(Double.doubleToLongBits(dCpu[i]), Double.doubleToLongBits(dCl[i]), "dout[" + i + "]");
            }
            assertEquals(z ? 1 : 0, outCl[0], "the boolean of work-item 0");
            assertEquals((byte) ('\uffee' + (byte) -7), outCl[7], "char + byte narrowed to byte");
        }
    }

    private static Object[] append(Object[] values, Object... more) {
        Object[] all = Arrays.copyOf(values, values.length + more.length);
        System.arraycopy(more, 0, all, values.length, more.length);
        return all;
    }

    @Test
    @DisplayName("a failure in a 2-D range reports both coordinates of the work-item")
    void failure2d() {
        Range range = Range.of2d(8, 6);
        DeviceKernelException c = failure(cpu, "failure2d", range, new int[48], 8);
        DeviceKernelException o = failure(opencl, "failure2d", range, new int[48], 8);
        assertInstanceOf(ArrayIndexOutOfBoundsException.class, o.getCause());
        assertEquals("Index 1029 out of bounds for length 48", o.getCause().getMessage());
        assertEquals("ExtraKernels.java:41", o.sourceFile() + ":" + o.sourceLine());
        assertArrayEquals(new int[] {5, 3, 0}, o.globalId());
        assertEquals(1, o.failureCount());
        assertEquals(c.reason(), o.reason(), "the whole reason, as the CPU backend gives it");
    }

    @Test
    @DisplayName("a failure in a 3-D range with a local size reports all three coordinates")
    void failure3d() {
        int[] cells = new int[4 * 4 * 4];
        Arrays.fill(cells, 1);
        cells[(3 * 4 + 2) * 4 + 1] = -9;
        Range range = Range.of3d(4, 4, 4).withLocal(2, 2, 2);
        DeviceKernelException c = failure(cpu, "failure3d", range, cells.clone());
        DeviceKernelException o = failure(opencl, "failure3d", range, cells.clone());
        assertInstanceOf(IllegalStateException.class, o.getCause());
        assertEquals("cell 1,2,3 is -9", o.getCause().getMessage());
        assertEquals("ExtraKernels.java:49", o.sourceFile() + ":" + o.sourceLine());
        assertArrayEquals(new int[] {1, 2, 3}, o.globalId());
        assertEquals(c.reason(), o.reason());
    }

    @Test
    @DisplayName("when every work-item of a barrier kernel fails, OpenCL counts them all and reports one"
            + " with its own message")
    void everyItemFails() {
        Range range = Range.of(64, 32);
        DeviceKernelException c = failure(cpu, "everyItemFails", range, new float[64], new float[64]);
        DeviceKernelException o = failure(opencl, "everyItemFails", range, new float[64], new float[64]);
        assertEquals(64, o.failureCount(), "OpenCL runs every work-item");
        assertTrue(c.failureCount() >= 1 && c.failureCount() <= 64, "the CPU counted " + c.failureCount());
        assertArrayEquals(new int[] {0, 0, 0}, c.globalId(), "the CPU reports the lowest work-item");
        int x = o.globalId()[0];
        assertTrue(x >= 0 && x < 64 && o.globalId()[1] == 0 && o.globalId()[2] == 0, Arrays.toString(o.globalId()));
        assertInstanceOf(ArrayIndexOutOfBoundsException.class, o.getCause());
        assertEquals("Index " + (x + 64) + " out of bounds for length 64", o.getCause().getMessage(),
                "the message belongs to the reported work-item " + x);
        assertEquals(c.sourceFile() + ":" + c.sourceLine(), o.sourceFile() + ":" + o.sourceLine());
        assertEquals("ExtraKernels.java:56", o.sourceFile() + ":" + o.sourceLine());
    }
}
