package org.jdotcompute.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jdotcompute.api.CompiledKernel;
import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.api.DeviceBuffer;
import org.jdotcompute.api.Range;
import org.jdotcompute.api.SourceKernel;
import org.jdotcompute.api.exceptions.BackendExecutionException;
import org.jdotcompute.api.exceptions.KernelCompilationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("OpenCL C source kernels")
class SourceKernelTest {
    static final String VADD = """
            __kernel void vadd(__global const float* a, __global const float* b, __global float* c, int n) {
                int i = get_global_id(0);
                if (i < n) {
                    c[i] = a[i] + b[i];
                }
            }
            """;

    private static ComputeRuntime runtime;

    @BeforeAll
    static void open() {
        OpenClTestSupport.assumeOpenCl();
        runtime = ComputeRuntime.builder().backend("opencl").build();
    }

    @AfterAll
    static void close() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Nested
    @DisplayName("that compile")
    class Running {
        @Test
        @DisplayName("add vectors passed as Java arrays, copied in and out")
        void vectorAdd() {
            CompiledKernel k = runtime.compileSource(SourceKernel.of("vadd", VADD, float[].class, float[].class,
                    float[].class, int.class));
            float[] a = {1, 2, 3, 4, 5};
            float[] b = {10, 20, 30, 40, 50};
            float[] c = new float[5];
            runtime.launch(k, Range.of(8), a, b, c, 5);
            assertArrayEquals(new float[] {11, 22, 33, 44, 55}, c);
            assertEquals(1, k.launchCount());
            assertEquals(1, runtime.backend().launchCount());
        }

        @Test
        @DisplayName("work on resident device buffers")
        void buffers() {
            CompiledKernel k = runtime.compileSource(SourceKernel.of("vadd", VADD, float[].class, float[].class,
                    float[].class, int.class));
            try (DeviceBuffer a = runtime.allocateFloats(3); DeviceBuffer b = runtime.allocateFloats(3);
                    DeviceBuffer c = runtime.allocateFloats(3)) {
                a.write(new float[] {1, 2, 3});
                b.write(new float[] {4, 5, 6});
                runtime.launch(k, Range.of(3), a, b, c, 3);
                runtime.launch(k, Range.of(3), c, b, a, 3); // a = (a + b) + b, never leaving the device
                float[] out = new float[3];
                a.read(out);
                assertArrayEquals(new float[] {9, 12, 15}, out);
            }
        }

        @Test
        @DisplayName("receive every primitive scalar type at its natural size")
        void scalars() {
            String src = """
                    __kernel void scalars(char b, short s, ushort c, int i, long l, float f, double d, uchar z,
                                          __global long* out) {
                        out[0] = b; out[1] = s; out[2] = c; out[3] = i; out[4] = l;
                        out[5] = as_int(f); out[6] = as_long(d); out[7] = z;
                    }
                    """;
            CompiledKernel k = runtime.compileSource(SourceKernel.of("scalars", src, byte.class, short.class, char.class,
                    int.class, long.class, float.class, double.class, boolean.class, long[].class));
            long[] out = new long[8];
            runtime.launch(k, Range.of(1), (byte) -5, (short) -300, '\uffff', -70000, Long.MIN_VALUE, -1.5f, Math.PI, true,
                    out);
            assertArrayEquals(new long[] {-5, -300, 0xffff, -70000, Long.MIN_VALUE, Float.floatToRawIntBits(-1.5f),
                    Double.doubleToRawLongBits(Math.PI), 1}, out);
        }
    }

    @Nested
    @DisplayName("that do not compile")
    class Failing {
        @Test
        @DisplayName("throw KernelCompilationException with the whole build log and the numbered source")
        void buildError() {
            String src = "__kernel void broken(__global int* a) {\n    a[0] = undefined_name;\n}\n";
            KernelCompilationException e = assertThrows(KernelCompilationException.class,
                    () -> runtime.compileSource(SourceKernel.of("broken", src, int[].class)));
            assertEquals("broken", e.kernelId());
            assertEquals("OpenCL", e.backend());
            assertTrue(e.reason().startsWith("the OpenCL C source does not compile on device '"), e.reason());
            assertTrue(e.reason().contains("(CL_BUILD_PROGRAM_FAILURE: "), e.reason());
            assertTrue(e.reason().contains("undefined_name"), e.reason());
            assertTrue(e.reason().endsWith("); compilerLog() has the build log and the numbered source"), e.reason());
            assertEquals("[broken] Compilation failed: " + e.reason(), e.getMessage());
            assertTrue(e.compilerLog().startsWith("OpenCL build log (device '"), e.compilerLog());
            assertTrue(e.compilerLog().contains("error"), e.compilerLog());
            assertTrue(e.compilerLog().contains("Source:\n1 | __kernel void broken(__global int* a) {\n"
                    + "2 |     a[0] = undefined_name;\n3 | }\n"), e.compilerLog());
            BackendExecutionException cause = assertInstanceOf(BackendExecutionException.class, e.getCause());
            assertEquals(-11, cause.nativeErrorCode());
            assertEquals("CL_BUILD_PROGRAM_FAILURE", cause.nativeErrorName());
        }

        @Test
        @DisplayName("name the entry point the source lacks")
        void missingEntryPoint() {
            KernelCompilationException e = assertThrows(KernelCompilationException.class,
                    () -> runtime.compileSource(SourceKernel.of("nope", VADD, float[].class, float[].class, float[].class,
                            int.class)));
            assertEquals("[nope] Compilation failed: the program has no __kernel function named 'nope'; the entry point"
                    + " must name a __kernel function of the source", e.getMessage());
            assertEquals("CL_INVALID_KERNEL_NAME", assertInstanceOf(BackendExecutionException.class, e.getCause())
                    .nativeErrorName());
        }

        @Test
        @DisplayName("refuse a parameter list that does not match the source")
        void wrongParameterCount() {
            KernelCompilationException e = assertThrows(KernelCompilationException.class,
                    () -> runtime.compileSource(SourceKernel.of("vadd", VADD, float[].class, float[].class)));
            assertEquals("[vadd] Compilation failed: the __kernel function 'vadd' takes 4 parameter(s) but 2 are declared;"
                    + " declare one parameter type per kernel parameter (SourceKernel.parameterTypes)", e.getMessage());
        }
    }

    @Test
    @DisplayName("report a driver error with its OpenCL code and name")
    void driverError() {
        String src = "__kernel void wide(long x, __global long* out) { out[0] = x; }\n";
        CompiledKernel k = runtime.compileSource(SourceKernel.of("wide", src, int.class, long[].class));
        BackendExecutionException e = assertThrows(BackendExecutionException.class,
                () -> runtime.launch(k, Range.of(1), 5, new long[1]));
        assertEquals(-51, e.nativeErrorCode());
        assertEquals("CL_INVALID_ARG_SIZE", e.nativeErrorName());
        assertEquals("[OpenCL] Execution failed: clSetKernelArg 0 (argument 0) of kernel 'wide' failed with"
                + " CL_INVALID_ARG_SIZE (-51)", e.getMessage());
    }
}
