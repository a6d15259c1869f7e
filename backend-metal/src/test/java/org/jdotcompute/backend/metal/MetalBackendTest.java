package org.jdotcompute.backend.metal;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.List;

import org.jdotcompute.api.Capabilities;
import org.jdotcompute.api.CheckMode;
import org.jdotcompute.api.DeviceBuffer;
import org.jdotcompute.api.DeviceInfo;
import org.jdotcompute.api.Range;
import org.jdotcompute.api.SourceKernel;
import org.jdotcompute.api.exceptions.AllocationException;
import org.jdotcompute.api.exceptions.BackendExecutionException;
import org.jdotcompute.api.exceptions.ComputeOutOfMemoryException;
import org.jdotcompute.api.exceptions.DeviceContextLostException;
import org.jdotcompute.api.exceptions.DeviceKernelException;
import org.jdotcompute.api.exceptions.KernelCompilationException;
import org.jdotcompute.api.exceptions.MetalException;
import org.jdotcompute.api.exceptions.MslCompilationException;
import org.jdotcompute.spi.BackendConfig;
import org.jdotcompute.spi.BackendKernel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The backend's own logic — argument binding, staging, grids, error mapping, memory accounting,
 * lifecycle — against {@link FakeMetalApi}, so it runs on any OS. What Metal itself does is
 * covered by {@link MetalBridgeMacTest} on a Mac.
 */
@DisplayName("The Metal backend over a fake Metal API")
class MetalBackendTest {
    private static final ValueLayout.OfInt LE_INT = JAVA_INT.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LE_LONG = JAVA_LONG.withOrder(ByteOrder.LITTLE_ENDIAN);

    private FakeMetalApi api;
    private MetalBackend backend;

    @BeforeEach
    void open() {
        api = new FakeMetalApi();
        backend = new MetalBackend(api, BackendConfig.defaults());
    }

    @AfterEach
    void close() {
        backend.close();
    }

    /** A GPU stand-in for saxpy, reading the scalar block and buffers where the layout says. */
    private static FakeMetalApi.FakeKernel saxpyOnTheFake() {
        return (bindings, grid, buffers) -> {
            MemorySegment block = FakeMetalApi.bytes(bindings, 3);
            float a = block.get(JAVA_FLOAT, 0);
            int yLength = block.get(JAVA_INT, 8);
            MemorySegment x = FakeMetalApi.buffer(bindings, 0, buffers);
            MemorySegment y = FakeMetalApi.buffer(bindings, 1, buffers);
            for (int i = 0; i < yLength; i++) {
                y.setAtIndex(JAVA_FLOAT, i, a * x.getAtIndex(JAVA_FLOAT, i) + y.getAtIndex(JAVA_FLOAT, i));
            }
        };
    }

    @Nested
    @DisplayName("Launching a Java kernel")
    class JavaKernels {
        @Test
        @DisplayName("binds arrays, the error record and the scalar block where the MSL expects them, and copies results back")
        void saxpy() {
            BackendKernel k = backend.compile(TestKernels.request(IrKernels.saxpy()));
            api.kernel = saxpyOnTheFake();
            float[] x = {1, 2, 3, 4};
            float[] y = {10, 20, 30, 40};
            backend.launch(k, Range.of(4), List.of(2.0f, x, y));
            assertArrayEquals(new float[] {12, 24, 36, 48}, y);
            FakeMetalApi.Dispatched d = api.last();
            MemorySegment block = FakeMetalApi.bytes(d.bindings(), 3);
            assertAll(
                    () -> assertEquals(4, d.bindings().size()),
                    () -> assertEquals(12, block.byteSize()),
                    () -> assertEquals(2.0f, block.get(JAVA_FLOAT, 0)),
                    () -> assertEquals(4, block.get(JAVA_INT, 4)),
                    () -> assertEquals(4, block.get(JAVA_INT, 8)),
                    () -> assertEquals(1, backend.launchCount()),
                    () -> assertArrayEquals(new float[] {1, 2, 3, 4}, x, "x is only read"));
        }

        @Test
        @DisplayName("stages an array passed for two parameters once, so both see the same memory as in Java")
        void aliasing() {
            BackendKernel k = backend.compile(TestKernels.request(IrKernels.saxpy()));
            api.kernel = saxpyOnTheFake();
            float[] xy = {1, 2};
            backend.launch(k, Range.of(2), List.of(3.0f, xy, xy));
            assertArrayEquals(new float[] {4, 8}, xy);
            FakeMetalApi.Dispatched d = api.last();
            assertEquals(((MetalApi.Binding.Buffer) d.bindings().get(0)).buffer(),
                    ((MetalApi.Binding.Buffer) d.bindings().get(1)).buffer());
        }

        @Test
        @DisplayName("turns a failure recorded on the device into DeviceKernelException, after copying the arrays back")
        void deviceFailure() {
            BackendKernel k = backend.compile(TestKernels.request(IrKernels.saxpy()));
            api.kernel = (bindings, grid, buffers) -> {
                saxpyOnTheFake().run(bindings, grid, buffers);
                MemorySegment record = FakeMetalApi.buffer(bindings, 2, buffers);
                record.set(LE_INT, 0, 1);
                record.set(LE_INT, 4, 1);
                record.set(LE_INT, 8, 3);
                record.set(LE_INT, 16, 7);
                record.set(LE_LONG, 32, 7);
                record.set(LE_LONG, 40, 4);
            };
            float[] y = {1, 1, 1, 1};
            DeviceKernelException e = assertThrows(DeviceKernelException.class,
                    () -> backend.launch(k, Range.of(4), List.of(1.0f, new float[] {1, 1, 1, 1}, y)));
            assertAll(
                    () -> assertInstanceOf(ArrayIndexOutOfBoundsException.class, e.getCause()),
                    () -> assertEquals("Index 7 out of bounds for length 4", e.getCause().getMessage()),
                    () -> assertEquals("Metal", e.backend()),
                    () -> assertEquals("Kernels.saxpy", e.kernelName()),
                    () -> assertEquals("Kernels.java", e.sourceFile()),
                    () -> assertEquals(12, e.sourceLine()),
                    () -> assertArrayEquals(new int[] {7, 0, 0}, e.globalId()),
                    () -> assertEquals(3, e.failureCount()),
                    () -> assertArrayEquals(new float[] {2, 2, 2, 2}, y, "the other work-items' results"));
        }

        @Test
        @DisplayName("clears the pooled error record before every launch")
        void recordCleared() {
            BackendKernel k = backend.compile(TestKernels.request(IrKernels.saxpy()));
            api.kernel = (bindings, grid, buffers) -> FakeMetalApi.buffer(bindings, 2, buffers).set(LE_INT, 8, 1);
            assertThrows(BackendExecutionException.class, () -> backend.launch(k, Range.of(1),
                    List.of(1.0f, new float[1], new float[1])), "count without state: a corrupt record");
            api.kernel = (bindings, grid, buffers) -> assertEquals(0,
                    FakeMetalApi.buffer(bindings, 2, buffers).get(LE_INT, 8), "the record was not cleared");
            backend.launch(k, Range.of(1), List.of(1.0f, new float[1], new float[1]));
        }

        @Test
        @DisplayName("widens boolean, byte, short and char scalars to int as the kernel ABI says")
        void widening() {
            BackendKernel k = backend.compile(TestKernels.request(IrKernels.deviceCalls()));
            backend.launch(k, Range.of(1), List.of(new byte[1], new boolean[] {true}, new short[1], new char[1], 5));
            MemorySegment block = FakeMetalApi.bytes(api.last().bindings(), 5);
            assertEquals(5, block.get(JAVA_INT, MslTranslator.translate(IrKernels.deviceCalls()).layout().offsetOf("p_d")));
        }

        @Test
        @DisplayName("binds a Metal buffer as it is, with its length in elements, without copies")
        void residentBuffer() {
            BackendKernel k = backend.compile(TestKernels.request(IrKernels.saxpy()));
            api.kernel = saxpyOnTheFake();
            try (DeviceBuffer x = backend.allocate(16); DeviceBuffer y = backend.allocate(16)) {
                x.write(new float[] {1, 2, 3, 4});
                y.write(new float[] {1, 1, 1, 1});
                backend.launch(k, Range.of(4), List.of(10.0f, x, y));
                float[] out = new float[4];
                y.read(out);
                assertArrayEquals(new float[] {11, 21, 31, 41}, out);
                MetalBuffer my = (MetalBuffer) y;
                assertEquals(my.handle, ((MetalApi.Binding.Buffer) api.last().bindings().get(1)).buffer());
                assertEquals(4, FakeMetalApi.bytes(api.last().bindings(), 3).get(JAVA_INT, 8));
            }
        }

        @Test
        @DisplayName("refuses a DeviceBuffer from another backend")
        void foreignBuffer() {
            BackendKernel k = backend.compile(TestKernels.request(IrKernels.saxpy()));
            try (MetalBackend other = new MetalBackend(new FakeMetalApi(), BackendConfig.defaults());
                    DeviceBuffer foreign = new DeviceBuffer() {
                        @Override
                        public long byteSize() {
                            return 4;
                        }

                        @Override
                        public MemorySegment hostSegment() {
                            return MemorySegment.NULL;
                        }

                        @Override
                        public void copyToDevice() {
                        }

                        @Override
                        public void copyToHost() {
                        }

                        @Override
                        public boolean isClosed() {
                            return false;
                        }

                        @Override
                        public void close() {
                        }

                        @Override
                        public String toString() {
                            return "a foreign buffer";
                        }
                    }) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> backend.launch(k, Range.of(1), List.of(1.0f, foreign, new float[1])));
                assertEquals("argument 1 of kernel 'Kernels.saxpy' is a foreign buffer, which this Metal backend did not"
                        + " allocate", e.getMessage());
            }
        }
    }

    @Nested
    @DisplayName("Choosing the dispatch")
    class Grids {
        @Test
        @DisplayName("uses dispatchThreadgroups with the given local size")
        void explicitLocal() {
            BackendKernel k = backend.compile(TestKernels.request(IrKernels.groupSum()));
            backend.launch(k, Range.of(256, 64), List.of(new float[256], new float[4]));
            assertEquals(new MetalApi.Grid(false, 4, 1, 1, 64, 1, 1), api.last().grid());
        }

        @Test
        @DisplayName("runs exactly the global size with dispatchThreads when the kernel asks only for global ids")
        void exactThreads() {
            BackendKernel k = backend.compile(TestKernels.request(IrKernels.saxpy()));
            backend.launch(k, Range.of(1000003), List.of(1.0f, new float[1], new float[1]));
            assertEquals(new MetalApi.Grid(true, 1000003, 1, 1, 256, 1, 1), api.last().grid());
        }

        @Test
        @DisplayName("uses full threadgroups of a divisor of the global size when the kernel asks for group ids")
        void divisor() {
            BackendKernel k = backend.compile(TestKernels.request(IrKernels.deviceCalls()));
            backend.launch(k, Range.of(1000), List.of(new byte[1], new boolean[1], new short[1], new char[1], 1));
            assertEquals(new MetalApi.Grid(false, 4, 1, 1, 250, 1, 1), api.last().grid());
        }

        @Test
        @DisplayName("uses full threadgroups where the GPU cannot end in a partial one")
        void uniformOnly() {
            api.facts = new MetalApi.DeviceFacts("Old GPU", 1, false, 1L << 30, 1L << 28, 16384, false, "Apple3", "13.0");
            try (MetalBackend old = new MetalBackend(api, BackendConfig.defaults())) {
                BackendKernel k = old.compile(TestKernels.request(IrKernels.saxpy()));
                old.launch(k, Range.of(96), List.of(1.0f, new float[1], new float[1]));
                assertEquals(new MetalApi.Grid(false, 1, 1, 1, 96, 1, 1), api.last().grid());
            }
        }

        @Test
        @DisplayName("refuses a barrier kernel without a local size")
        void barrierNeedsLocal() {
            BackendKernel k = backend.compile(TestKernels.request(IrKernels.groupSum()));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> backend.launch(k, Range.of(256), List.of(new float[256], new float[4])));
            assertEquals("kernel 'Kernels.groupSum' uses ctx.barrier() or group-local arrays and needs an explicit"
                    + " work-group size, but Range[256] has none; launch it with a local size, e.g. Range.of(256, 64)"
                    + " where 64 divides the global size", e.getMessage());
            assertTrue(api.dispatches.isEmpty());
        }

        @Test
        @DisplayName("refuses a threadgroup larger than the pipeline allows")
        void tooLarge() {
            api.maxThreads = 32;
            BackendKernel k = backend.compile(TestKernels.request(IrKernels.groupSum()));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> backend.launch(k, Range.of(256, 64), List.of(new float[256], new float[4])));
            assertEquals("work-group size 64 of Range[256 / 64] exceeds the maximum 32 threads per threadgroup for kernel"
                    + " 'Kernels.groupSum' on Metal device 'Fake Apple M9' (maxTotalThreadsPerThreadgroup); use a smaller"
                    + " work-group", e.getMessage());
        }

        @Test
        @DisplayName("finds the largest divisor up to the cap")
        void largestDivisor() {
            assertAll(
                    () -> assertEquals(256, MetalBackend.largestDivisor(1024, 256)),
                    () -> assertEquals(250, MetalBackend.largestDivisor(1000, 256)),
                    () -> assertEquals(1, MetalBackend.largestDivisor(1000003, 256)),
                    () -> assertEquals(7, MetalBackend.largestDivisor(7, 256)));
        }
    }

    @Nested
    @DisplayName("Failures of Metal itself")
    class MetalFailures {
        @Test
        @DisplayName("a failed command buffer becomes BackendExecutionException with the MTLCommandBufferError code")
        void commandBufferError() {
            BackendKernel k = backend.compile(TestKernels.request(IrKernels.saxpy()));
            api.completion = new MetalApi.Completion(5, 3, "Caused GPU Address Fault Error (0000000b:kIOGPUCommandBufferCallbackErrorPageFault)");
            BackendExecutionException e = assertThrows(BackendExecutionException.class,
                    () -> backend.launch(k, Range.of(4), List.of(1.0f, new float[4], new float[4])));
            assertAll(
                    () -> assertEquals(BackendExecutionException.class, e.getClass()),
                    () -> assertEquals("[Metal] Execution failed: the command buffer of kernel 'Kernels.saxpy' over Range[4]"
                            + " failed with MTLCommandBufferErrorPageFault (3): Caused GPU Address Fault Error"
                            + " (0000000b:kIOGPUCommandBufferCallbackErrorPageFault); the kernel accessed memory outside its"
                            + " buffers: run it with CheckMode.INDEX or FULL to find the access", e.getMessage()),
                    () -> assertEquals(3, e.nativeErrorCode()),
                    () -> assertEquals("MTLCommandBufferErrorPageFault", e.nativeErrorName()),
                    () -> assertInstanceOf(MetalException.class, e.getCause()),
                    () -> assertEquals("[Metal] command buffer of kernel 'Kernels.saxpy' over Range[4] ended with status"
                            + " Error, MTLCommandBufferErrorPageFault (3): Caused GPU Address Fault Error"
                            + " (0000000b:kIOGPUCommandBufferCallbackErrorPageFault)", e.getCause().getMessage()));
            api.completion = MetalApi.Completion.completed();
            backend.launch(k, Range.of(4), List.of(1.0f, new float[4], new float[4])); // not sticky
        }

        @Test
        @DisplayName("a command buffer that cannot even be encoded is BackendExecutionException caused by MetalException")
        void encodingFails() {
            BackendKernel k = backend.compile(TestKernels.request(IrKernels.saxpy()));
            api.encodeError = "commandBuffer returned nil";
            BackendExecutionException e = assertThrows(BackendExecutionException.class,
                    () -> backend.launch(k, Range.of(4), List.of(1.0f, new float[4], new float[4])));
            assertEquals("[Metal] Execution failed: kernel 'Kernels.saxpy' over Range[4] could not be encoded: [Metal]"
                    + " commandBuffer returned nil", e.getMessage());
            assertInstanceOf(MetalException.class, e.getCause());
            assertEquals(0, backend.launchCount());
            assertTrue(api.live.size() <= 1, "staged buffers released; only the pooled record may stay: " + api.live);
        }

        @Test
        @DisplayName("a removed device is lost for good: DeviceContextLostException now and on every later call")
        void deviceRemoved() {
            BackendKernel k = backend.compile(TestKernels.request(IrKernels.saxpy()));
            api.completion = new MetalApi.Completion(5, 11, "GPU removed");
            DeviceContextLostException e = assertThrows(DeviceContextLostException.class,
                    () -> backend.launch(k, Range.of(4), List.of(1.0f, new float[4], new float[4])));
            assertEquals("[Metal] Execution failed: the Metal device 'Fake Apple M9' is lost to this process"
                    + " (MTLCommandBufferErrorDeviceRemoved) while running kernel 'Kernels.saxpy' over Range[4]; close this"
                    + " runtime and create a new one", e.getMessage());
            assertEquals(11, e.nativeErrorCode());
            DeviceContextLostException later = assertThrows(DeviceContextLostException.class, () -> backend.allocate(8));
            assertEquals(e.getMessage(), later.getMessage());
            assertSame(e, later.getCause());
            assertThrows(DeviceContextLostException.class, backend::synchronize);
        }

        @Test
        @DisplayName("a nil buffer from Metal becomes ComputeOutOfMemoryException")
        void nilBuffer() {
            api.nilAbove = 512;
            ComputeOutOfMemoryException e = assertThrows(ComputeOutOfMemoryException.class, () -> backend.allocate(1024));
            assertAll(
                    () -> assertEquals("Out of memory: requested 1024 bytes, available -1 bytes", e.getMessage()),
                    () -> assertEquals(1024, e.requested()),
                    () -> assertInstanceOf(MetalException.class, e.getCause()),
                    () -> assertEquals("[Metal] newBufferWithLength:1024 options:MTLResourceStorageModeShared returned nil"
                            + " for a buffer on device 'Fake Apple M9'; free buffers or allocate less",
                            e.getCause().getMessage()),
                    () -> assertEquals(0, backend.memoryStats().bytesInUse(), "the reservation was given back"));
        }

        @Test
        @DisplayName("a nil buffer while staging an argument becomes ComputeOutOfMemoryException too")
        void nilStagingBuffer() {
            BackendKernel k = backend.compile(TestKernels.request(IrKernels.saxpy()));
            api.nilAbove = 100;
            ComputeOutOfMemoryException e = assertThrows(ComputeOutOfMemoryException.class,
                    () -> backend.launch(k, Range.of(4), List.of(1.0f, new float[1000], new float[4])));
            assertEquals("[Metal] newBufferWithLength:4000 options:MTLResourceStorageModeShared returned nil for argument 1"
                    + " of kernel 'Kernels.saxpy' on device 'Fake Apple M9'; free buffers or allocate less",
                    e.getCause().getMessage());
            assertTrue(api.dispatches.isEmpty());
        }
    }

    @Nested
    @DisplayName("Compiling")
    class Compiling {
        private static final String DIAGNOSTIC = "program_source:42:5: error: use of undeclared identifier 'oops'\n"
                + "    oops = 1;\n    ^\n";

        @Test
        @DisplayName("an MSL compiler failure is the cause of KernelCompilationException, with the whole diagnostic")
        void generatedFails() {
            api.compileError = DIAGNOSTIC;
            KernelCompilationException e = assertThrows(KernelCompilationException.class,
                    () -> backend.compile(TestKernels.request(IrKernels.saxpy())));
            MslCompilationException cause = assertInstanceOf(MslCompilationException.class, e.getCause());
            assertAll(
                    () -> assertEquals("[Kernels.saxpy] Compilation failed: the Metal compiler of device 'Fake Apple M9'"
                            + " rejected the MSL generated for the kernel: program_source:42:5: error: use of undeclared"
                            + " identifier 'oops'; this is a bug in JDotCompute's MSL emitter: please report it with"
                            + " compilerLog()", e.getMessage()),
                    () -> assertEquals("Metal", e.backend()),
                    () -> assertTrue(e.compilerLog().startsWith("Metal compiler diagnostic (device 'Fake Apple M9', fast"
                            + " math off):\n" + DIAGNOSTIC + "\n\nGenerated MSL:\n  1 | /* Generated by JDotCompute"),
                            e.compilerLog()),
                    () -> assertEquals("[Metal] Failed to compile MSL shader 'Kernels.saxpy': " + DIAGNOSTIC,
                            cause.getMessage()),
                    () -> assertEquals("Kernels.saxpy", cause.shaderName()),
                    () -> assertEquals(DIAGNOSTIC, cause.errorMessage()),
                    () -> assertEquals("Metal", cause.backend()));
        }

        @Test
        @DisplayName("a source kernel that does not compile says so, with the diagnostic and the numbered source")
        void sourceFails() {
            api.compileError = DIAGNOSTIC;
            KernelCompilationException e = assertThrows(KernelCompilationException.class,
                    () -> backend.compileSource(SourceKernel.of("scale", "kernel void scale() { oops = 1; }", float[].class)));
            assertEquals("[scale] Compilation failed: the MSL source does not compile on device 'Fake Apple M9':"
                    + " program_source:42:5: error: use of undeclared identifier 'oops'; compilerLog() has the compiler's"
                    + " diagnostic and the numbered source", e.getMessage());
            assertTrue(e.compilerLog().endsWith("Source:\n1 | kernel void scale() { oops = 1; }\n"), e.compilerLog());
            assertEquals("scale", ((MslCompilationException) e.getCause()).shaderName());
        }

        @Test
        @DisplayName("a missing entry point is KernelCompilationException caused by MetalException")
        void missingFunction() {
            api.pipelineError = "the MSL library has no function named 'scale'";
            KernelCompilationException e = assertThrows(KernelCompilationException.class,
                    () -> backend.compileSource(SourceKernel.of("scale", "kernel void other() {}")));
            assertEquals("[scale] Compilation failed: the entry point must name a kernel function of the source: [Metal] the"
                    + " MSL library has no function named 'scale'", e.getMessage());
            assertInstanceOf(MetalException.class, e.getCause());
        }

        @Test
        @DisplayName("a double kernel is rejected naming FP64, before anything reaches Metal")
        void doublesRejected() {
            KernelCompilationException e = assertThrows(KernelCompilationException.class,
                    () -> backend.compile(TestKernels.request(IrKernels.doubles())));
            assertTrue(e.reason().startsWith("the kernel uses double (capability FP64)"), e.reason());
            assertTrue(api.compiled.isEmpty());
            assertFalse(backend.capabilities().has(Capabilities.Feature.FP64));
        }

        @Test
        @DisplayName("caches libraries and pipelines per source and entry point")
        void caching() {
            backend.compile(TestKernels.request(IrKernels.saxpy()));
            backend.compile(TestKernels.request(IrKernels.saxpy()));
            assertEquals(1, api.compiled.size());
        }

        @Test
        @DisplayName("binds a source kernel's parameter i to slot i, scalars in their own size")
        void sourceBindings() {
            BackendKernel k = backend.compileSource(SourceKernel.of("mix", "kernel void mix() {}", float[].class, short.class,
                    long.class, boolean.class));
            backend.launch(k, Range.of(8), List.of(new float[8], (short) -3, 5L, true));
            List<MetalApi.Binding> b = api.last().bindings();
            assertAll(
                    () -> assertInstanceOf(MetalApi.Binding.Buffer.class, b.get(0)),
                    () -> assertEquals(2, FakeMetalApi.bytes(b, 1).byteSize()),
                    () -> assertEquals((short) -3, FakeMetalApi.bytes(b, 1).get(ValueLayout.JAVA_SHORT, 0)),
                    () -> assertEquals(5L, FakeMetalApi.bytes(b, 2).get(JAVA_LONG, 0)),
                    () -> assertEquals(1, FakeMetalApi.bytes(b, 3).byteSize()),
                    () -> assertEquals(new MetalApi.Grid(false, 1, 1, 1, 8, 1, 1), api.last().grid()));
        }
    }

    @Nested
    @DisplayName("Memory")
    class Memory {
        @Test
        @DisplayName("a buffer's host view is the shared buffer itself and dies with it")
        void hostView() {
            DeviceBuffer b = backend.allocate(64);
            MemorySegment view = b.hostSegment();
            view.set(JAVA_INT, 0, 7);
            assertEquals(7, api.live.get(((MetalBuffer) b).handle).get(JAVA_INT, 0));
            b.close();
            assertTrue(api.released.contains(((MetalBuffer) b).handle));
            assertThrows(IllegalStateException.class, () -> view.get(JAVA_INT, 0));
            IllegalStateException e = assertThrows(IllegalStateException.class, b::hostSegment);
            assertEquals("Metal buffer of 64 bytes on Fake Apple M9 is closed; allocate a new buffer", e.getMessage());
            assertEquals(0, backend.memoryStats().bytesInUse());
        }

        @Test
        @DisplayName("the configured limit is enforced")
        void limit() {
            try (MetalBackend small = new MetalBackend(new FakeMetalApi(), new BackendConfig(CheckMode.INDEX, 100))) {
                small.allocate(60);
                ComputeOutOfMemoryException e = assertThrows(ComputeOutOfMemoryException.class, () -> small.allocate(60));
                assertEquals(40, e.available());
                assertEquals(100, small.memoryStats().limitBytes());
            }
        }

        @Test
        @DisplayName("a negative size is AllocationException")
        void negative() {
            AllocationException e = assertThrows(AllocationException.class, () -> backend.allocate(-1));
            assertEquals("Cannot allocate -1 bytes: the size is negative; pass a byte count of 0 or more", e.getMessage());
        }

        @Test
        @DisplayName("a buffer larger than maxBufferLength is ComputeOutOfMemoryException naming the limit")
        void tooLarge() {
            ComputeOutOfMemoryException e = assertThrows(ComputeOutOfMemoryException.class,
                    () -> backend.allocate((1L << 28) + 1));
            assertEquals("[Metal] device 'Fake Apple M9' allows at most 268435456 bytes in one buffer (maxBufferLength);"
                    + " split the data", e.getCause().getMessage());
        }
    }

    @Nested
    @DisplayName("Lifecycle")
    class Lifecycle {
        @Test
        @DisplayName("close releases every buffer, pipeline, library and pooled record exactly once, then the device")
        void closeReleasesAll() {
            BackendKernel k = backend.compile(TestKernels.request(IrKernels.saxpy()));
            backend.launch(k, Range.of(1), List.of(1.0f, new float[1], new float[1]));
            backend.allocate(8);
            backend.close();
            assertTrue(api.closed);
            assertTrue(api.live.isEmpty(), "live buffers after close: " + api.live.keySet());
            // staged x and y (after the launch), then the buffer, the record, the pipeline and the library
            assertEquals(6, api.released.size(), api.released.toString());
        }

        @Test
        @DisplayName("use after close throws IllegalStateException naming the backend")
        void useAfterClose() {
            backend.close();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> backend.allocate(1));
            assertEquals("Metal backend on device 'Fake Apple M9' is closed; open a new runtime", e.getMessage());
            backend.close(); // idempotent
        }

        @Test
        @DisplayName("describes the device as a GPU with Metal's facts")
        void deviceInfo() {
            DeviceInfo d = backend.device();
            assertAll(
                    () -> assertEquals("Fake Apple M9", d.name()),
                    () -> assertEquals("unknown", d.vendor()),
                    () -> assertEquals(DeviceInfo.DeviceType.GPU, d.type()),
                    () -> assertEquals("macOS 15.0", d.driverVersion()),
                    () -> assertEquals("Apple9", d.details().get("gpuFamily")),
                    () -> assertEquals("false", d.details().get("fp64")),
                    () -> assertEquals(32768, backend.capabilities().localMemoryBytes()));
        }
    }
}
