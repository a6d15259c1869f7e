package org.jdotcompute.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.api.Range;
import org.jdotcompute.api.exceptions.DeviceKernelException;
import org.jdotcompute.testkit.SourceLines;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Runs only in the surefire execution {@code class-path}: everything on the class path. */
@DisplayName("On the class path, the CPU backend")
class ClassPathTest {

    @Test
    @DisplayName("is found through META-INF/services and runs kernels, with and without barriers")
    void works() {
        assertFalse(getClass().getModule().isNamed(), "this test must run on the class path");
        try (ComputeRuntime rt = ComputeRuntime.builder().backend("cpu").build()) {
            assertEquals("cpu", rt.backend().id());
            float[] a = {1, 2, 3};
            float[] c = new float[3];
            rt.launch(rt.compile(TestKernels.class, "vectorAdd"), Range.of(3), a, a, c);
            assertArrayEquals(new float[] {2, 4, 6}, c);
            int[] out = new int[8];
            rt.launch(rt.compile(GroupKernels.class, "barrierInHelper"), Range.of(8, 4), (Object) out);
            assertArrayEquals(new int[] {1, 1, 1, 1, 2, 2, 2, 2}, out);
            DeviceKernelException e = assertThrows(DeviceKernelException.class,
                    () -> rt.launch(rt.compile(FailingKernels.class, "divide"), Range.of(1), new int[1], new int[1]));
            assertEquals(SourceLines.of(FailingKernels.class, "FAILS:divide"), e.sourceLine());
        }
    }
}
