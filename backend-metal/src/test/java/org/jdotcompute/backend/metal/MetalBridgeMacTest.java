package org.jdotcompute.backend.metal;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;

import org.jdotcompute.api.exceptions.MetalException;
import org.jdotcompute.api.exceptions.MslCompilationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The native bridge against the real Metal framework. Runs only on macOS; it has not yet run
 * anywhere (written on Linux from Apple's documentation), so expect the first Mac run to find
 * problems here first.
 */
@EnabledOnOs(value = OS.MAC, disabledReason = "the Metal bridge needs macOS and a Metal device")
@DisplayName("The Metal bridge on this Mac")
class MetalBridgeMacTest {
    private static final String SCALE = """
            #include <metal_stdlib>
            using namespace metal;
            kernel void scale(device float* x [[buffer(0)]], constant float& k [[buffer(1)]],
                              uint i [[thread_position_in_grid]]) {
                x[i] = x[i] * k;
            }
            kernel void groups(device int* out [[buffer(0)]], uint g [[threadgroup_position_in_grid]],
                               uint i [[thread_position_in_grid]]) {
                out[i] = (int)g;
            }
            """;

    private static MetalBridge bridge;

    @BeforeAll
    static void open() {
        bridge = MetalBridge.open();
    }

    @AfterAll
    static void close() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    @DisplayName("opens the system default device and reads its facts")
    void facts() {
        MetalApi.DeviceFacts f = bridge.device();
        assertFalse(f.name().isBlank());
        assertTrue(f.maxBufferBytes() > 0, f.toString());
        assertTrue(f.maxThreadgroupMemoryBytes() >= 16384, f.toString());
        assertTrue(f.recommendedWorkingSetBytes() > 0, f.toString());
        assertNotEquals("unknown", f.gpuFamily(), f.toString());
    }

    @Test
    @DisplayName("compiles MSL, builds a pipeline, and runs it on a shared buffer the host reads without a copy")
    void runsAKernel() {
        long library = bridge.compileLibrary("scale", SCALE);
        MetalApi.PipelineInfo pipeline = bridge.pipeline(library, "scale");
        assertTrue(pipeline.maxTotalThreadsPerThreadgroup() > 0);
        try (Arena arena = Arena.ofConfined()) {
            MetalApi.SharedBuffer b = bridge.newSharedBuffer(4L * 1000, arena).orElseThrow();
            MemorySegment x = b.contents();
            for (int i = 0; i < 1000; i++) {
                x.setAtIndex(JAVA_FLOAT, i, i);
            }
            MetalApi.Completion done = bridge.dispatch(pipeline.handle(), List.of(new MetalApi.Binding.Buffer(0, b.handle()),
                    new MetalApi.Binding.Bytes(1, arena.allocateFrom(JAVA_FLOAT, 2.5f))),
                    new MetalApi.Grid(true, 1000, 1, 1, 64, 1, 1));
            assertEquals(MetalApi.Completion.COMPLETED, done.status(), done.toString());
            for (int i = 0; i < 1000; i++) {
                assertEquals(2.5f * i, x.getAtIndex(JAVA_FLOAT, i), "element " + i);
            }
            bridge.release(b.handle());
        } finally {
            bridge.release(pipeline.handle());
            bridge.release(library);
        }
    }

    @Test
    @DisplayName("dispatches whole threadgroups with dispatchThreadgroups")
    void threadgroups() {
        long library = bridge.compileLibrary("groups", SCALE);
        MetalApi.PipelineInfo pipeline = bridge.pipeline(library, "groups");
        try (Arena arena = Arena.ofConfined()) {
            MetalApi.SharedBuffer b = bridge.newSharedBuffer(4L * 256, arena).orElseThrow();
            MetalApi.Completion done = bridge.dispatch(pipeline.handle(), List.of(new MetalApi.Binding.Buffer(0, b.handle())),
                    new MetalApi.Grid(false, 4, 1, 1, 64, 1, 1));
            assertEquals(MetalApi.Completion.COMPLETED, done.status(), done.toString());
            for (int i = 0; i < 256; i++) {
                assertEquals(i / 64, b.contents().getAtIndex(JAVA_INT, i), "element " + i);
            }
            bridge.release(b.handle());
        } finally {
            bridge.release(pipeline.handle());
            bridge.release(library);
        }
    }

    @Test
    @DisplayName("a compile error is MslCompilationException with the compiler's diagnostic")
    void compileError() {
        MslCompilationException e = assertThrows(MslCompilationException.class,
                () -> bridge.compileLibrary("broken", "kernel void broken(device float* x [[buffer(0)]]) { x[0] = oops; }"));
        assertEquals("broken", e.shaderName());
        assertTrue(e.errorMessage().contains("oops"), e.errorMessage());
        assertTrue(e.getMessage().startsWith("[Metal] Failed to compile MSL shader 'broken': "), e.getMessage());
    }

    @Test
    @DisplayName("a missing function is MetalException")
    void missingFunction() {
        long library = bridge.compileLibrary("scale", SCALE);
        try {
            MetalException e = assertThrows(MetalException.class, () -> bridge.pipeline(library, "nothere"));
            assertEquals("[Metal] the MSL library has no function named 'nothere'", e.getMessage());
        } finally {
            bridge.release(library);
        }
    }
}
