package org.jdotcompute.backend.metal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.api.Range;
import org.jdotcompute.api.exceptions.DeviceKernelException;
import org.jdotcompute.spi.Backend;
import org.jdotcompute.spi.BackendConfig;
import org.jdotcompute.spi.BackendKernel;
import org.jdotcompute.spi.ir.KernelIR;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole backend on a real Metal device: the generated MSL compiled by Apple's compiler, Java
 * semantics and device exceptions on the GPU. Runs only on macOS; not yet run anywhere.
 */
@EnabledOnOs(value = OS.MAC, disabledReason = "the Metal backend needs macOS and a Metal device")
@DisplayName("The Metal backend on this Mac")
class MetalBackendMacTest {
    private static Backend backend;

    @BeforeAll
    static void open() {
        backend = new MetalBackendProvider().open(BackendConfig.defaults());
    }

    @AfterAll
    static void close() {
        if (backend != null) {
            backend.close();
        }
    }

    static List<KernelIR> kernels() {
        return IrKernels.supported();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    @DisplayName("Apple's compiler accepts the MSL of every hand-built kernel")
    void compiles(KernelIR ir) {
        backend.compile(TestKernels.request(ir)).close();
    }

    @Test
    @DisplayName("saxpy computes y = a * x + y")
    void saxpy() {
        BackendKernel k = backend.compile(TestKernels.request(IrKernels.saxpy()));
        float[] x = new float[1000];
        float[] y = new float[1000];
        float[] expected = new float[1000];
        for (int i = 0; i < x.length; i++) {
            x[i] = i * 0.5f;
            y[i] = 1 - i;
            expected[i] = 3.0f * x[i] + y[i];
        }
        backend.launch(k, Range.of(1000), List.of(3.0f, x, y));
        assertArrayEquals(expected, y);
    }

    @Test
    @DisplayName("an index out of bounds on the GPU is ArrayIndexOutOfBoundsException in DeviceKernelException")
    void outOfBounds() {
        BackendKernel k = backend.compile(TestKernels.request(IrKernels.saxpy()));
        DeviceKernelException e = assertThrows(DeviceKernelException.class,
                () -> backend.launch(k, Range.of(4), List.of(1.0f, new float[2], new float[4])));
        assertInstanceOf(ArrayIndexOutOfBoundsException.class, e.getCause());
        assertTrue(e.getCause().getMessage().matches("Index [23] out of bounds for length 2"), e.getCause().getMessage());
        assertEquals(2, e.failureCount());
    }

    @Test
    @DisplayName("a work-group sum with threadgroup memory and barriers")
    void groupSum() {
        BackendKernel k = backend.compile(TestKernels.request(IrKernels.groupSum()));
        float[] in = new float[256];
        for (int i = 0; i < in.length; i++) {
            in[i] = i;
        }
        float[] out = new float[4];
        backend.launch(k, Range.of(256, 64), List.of(in, out));
        for (int g = 0; g < 4; g++) {
            float sum = 0;
            for (int i = 64 * g; i < 64 * (g + 1); i++) {
                sum += i; // integers below 2^24: every order of addition gives the same float
            }
            assertEquals(sum, out[g], "group " + g);
        }
    }

    @Test
    @DisplayName("int and float atomics on device and threadgroup memory")
    void atomics() {
        BackendKernel k = backend.compile(TestKernels.request(IrKernels.atomics()));
        int[] keys = new int[256];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = i;
        }
        int[] bins = new int[16];
        float[] total = new float[2];
        int[] flags = new int[16];
        backend.launch(k, Range.of(256, 64), List.of(keys, bins, total, flags));
        assertEquals(32640.0f, total[0]);
        assertEquals(128.0f, total[1]);
        for (int b = 0; b < 16; b++) {
            if (b != 1) {
                assertEquals(16, bins[b], "bin " + b);
            }
        }
    }

    @Test
    @DisplayName("a throw in a device function is the user's exception, with its dynamic value")
    void deviceFunctionThrows() {
        BackendKernel k = backend.compile(TestKernels.request(IrKernels.deviceCalls()));
        DeviceKernelException e = assertThrows(DeviceKernelException.class, () -> backend.launch(k, Range.of(1),
                List.of(new byte[1], new boolean[1], new short[1], new char[1], 0)));
        assertInstanceOf(IllegalArgumentException.class, e.getCause());
        assertTrue(e.getCause().getMessage().startsWith("bad value "), e.getCause().getMessage());
    }

    @Test
    @DisplayName("the engine selects Metal when asked")
    void throughTheEngine() {
        try (ComputeRuntime runtime = ComputeRuntime.builder().backend("metal").build()) {
            assertEquals("metal", runtime.backend().id());
        }
    }
}
