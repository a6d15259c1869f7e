package org.jdotcompute.example.interp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.ServiceLoader;

import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.api.Range;
import org.jdotcompute.spi.BackendProvider;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The provider's second declaration: META-INF/services, for the class path. */
@DisplayName("The IR interpreter backend on the class path")
class InterpClassPathTest {
    @Test
    @DisplayName("runs these tests on the class path")
    void onClassPath() {
        assertFalse(getClass().getModule().isNamed());
    }

    @Test
    @DisplayName("is found through META-INF/services")
    void serviceFile() {
        List<String> found = ServiceLoader.load(BackendProvider.class).stream().map(p -> p.type().getName()).toList();
        assertTrue(found.contains(InterpBackendProvider.class.getName()), found.toString());
    }

    @Test
    @DisplayName("runs a kernel chosen by name")
    void runsKernel() {
        try (ComputeRuntime rt = ComputeRuntime.builder().backend("interp").build()) {
            assertEquals("IR interpreter", rt.backend().displayName());
            float[] y = {1, 2};
            rt.launch(rt.compile(Kernels.LOOKUP, "saxpy"), Range.of(2), 3f, new float[] {1, 1}, y);
            assertArrayEquals(new float[] {4, 5}, y);
            assertEquals(1, rt.backend().launchCount());
        }
    }
}
