package org.jdotcompute.example.interp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.ValueLayout;
import java.lang.module.ModuleDescriptor;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jdotcompute.api.BackendStatus;
import org.jdotcompute.api.Capabilities;
import org.jdotcompute.api.Capabilities.Feature;
import org.jdotcompute.api.CheckMode;
import org.jdotcompute.api.CompiledKernel;
import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.api.DeviceBuffer;
import org.jdotcompute.api.DeviceInfo;
import org.jdotcompute.api.MemoryStats;
import org.jdotcompute.api.Range;
import org.jdotcompute.api.SourceKernel;
import org.jdotcompute.api.exceptions.AllocationException;
import org.jdotcompute.api.exceptions.BackendExecutionException;
import org.jdotcompute.api.exceptions.ComputeOutOfMemoryException;
import org.jdotcompute.api.exceptions.DeviceKernelException;
import org.jdotcompute.api.exceptions.KernelCompilationException;
import org.jdotcompute.spi.Availability;
import org.jdotcompute.spi.Backend;
import org.jdotcompute.spi.BackendConfig;
import org.jdotcompute.spi.BackendProvider;
import org.jdotcompute.spi.SpiVersion;
import org.jdotcompute.testkit.SourceLines;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The interp backend on the module path, as a built-in backend (its module in the boot layer):
 * everything it does through the public API. The tests that load it from its plugin directory
 * live in {@code examples/interp-plugin-tests}.
 */
@DisplayName("The IR interpreter backend")
class InterpBackendTest {
    private ComputeRuntime runtime;

    @BeforeEach
    void open() {
        runtime = ComputeRuntime.builder().backend("interp").build();
    }

    @AfterEach
    void close() {
        runtime.close();
    }

    private CompiledKernel compile(String name) {
        return runtime.compile(Kernels.LOOKUP, name);
    }

    @Test
    @DisplayName("runs its tests on the module path")
    void modulePath() {
        assertTrue(getClass().getModule().isNamed(), "tests must run on the module path");
        assertEquals("org.jdotcompute.example.interp", getClass().getModule().getName());
    }

    @Nested
    @DisplayName("provider")
    class Provider {
        @Test
        @DisplayName("is a cheap factory with id interp, a display name, the current SPI version and a priority below cpu")
        void identity() {
            InterpBackendProvider p = new InterpBackendProvider();
            assertEquals("interp", p.id());
            assertEquals("IR interpreter", p.displayName());
            assertEquals(SpiVersion.CURRENT, p.spiVersion());
            assertEquals(10, p.priority());
            assertTrue(p.priority() < 100, "it must never win automatic selection over the CPU backend (100)");
        }

        @Test
        @DisplayName("is always available with one device, the interpreter")
        void probe() {
            Availability a = new InterpBackendProvider().probe();
            Availability.Available available = assertInstanceOf(Availability.Available.class, a);
            DeviceInfo d = available.devices().getFirst();
            assertEquals(1, available.devices().size());
            assertEquals("IR interpreter", d.name());
            assertEquals(DeviceInfo.DeviceType.CPU, d.type());
            assertEquals(InterpBackendProvider.DEFAULT_MEMORY_LIMIT, d.globalMemoryBytes());
            assertEquals(1, d.computeUnits());
            assertEquals("org.jdotcompute.spi.ir.IrInterpreter", d.details().get("interpreter"));
        }

        @Test
        @DisplayName("is declared in module-info and found by the engine's discovery")
        void discovered() {
            ModuleDescriptor.Provides provides = getClass().getModule().getDescriptor().provides().stream()
                    .filter(p -> p.service().equals(BackendProvider.class.getName())).findFirst().orElseThrow();
            assertEquals(List.of(InterpBackendProvider.class.getName()), provides.providers());
            BackendStatus s = ComputeRuntime.builder().discover().stream().filter(b -> b.id().equals("interp"))
                    .findFirst().orElseThrow();
            assertTrue(s.available(), s.reason());
            assertEquals("IR interpreter", s.displayName());
            assertEquals(10, s.priority());
        }

        @Test
        @DisplayName("is named in the runtime's backend info")
        void backendInfo() {
            assertEquals("interp", runtime.backend().id());
            assertEquals("IR interpreter", runtime.backend().displayName());
            assertEquals(runtime.backend().version(), runtime.backend().device().driverVersion());
        }
    }

    @Nested
    @DisplayName("capabilities")
    class CapabilitiesOf {
        @Test
        @DisplayName("are every IR feature and ring kernels, not source kernels, with the limits it enforces")
        void honest() {
            Capabilities c = runtime.backend().capabilities();
            assertEquals(EnumSet.of(Feature.FP64, Feature.INT32_ATOMICS, Feature.INT64_ATOMICS, Feature.FLOAT_ATOMICS,
                    Feature.LOCAL_MEMORY, Feature.BARRIERS, Feature.DEVICE_EXCEPTIONS, Feature.RING_KERNELS),
                    EnumSet.copyOf(c.features()));
            assertEquals(64 * 1024, c.localMemoryBytes());
            assertEquals(1024, c.maxWorkGroupSize());
            assertEquals(InterpBackendProvider.DEFAULT_MEMORY_LIMIT, c.maxAllocationBytes());
        }

        @Test
        @DisplayName("a work-group larger than the maximum is rejected, naming the size")
        void workGroupTooLarge() {
            CompiledKernel k = compile("fill");
            var e = assertThrows(IllegalArgumentException.class,
                    () -> runtime.launch(k, Range.of(4096, 2048), new int[4096], 1));
            assertEquals("work-group size 2048 of " + Range.of(4096, 2048) + " exceeds the maximum 1024 of the IR"
                    + " interpreter backend (Capabilities.maxWorkGroupSize()); use a smaller work-group", e.getMessage());
            assertEquals(0, runtime.backend().launchCount(), "a rejected launch is not counted");
        }

        @Test
        @DisplayName("group-local arrays beyond the local memory are rejected at compile time")
        void localMemoryTooLarge() {
            var e = assertThrows(KernelCompilationException.class, () -> compile("hugeTile"));
            assertEquals("the kernel's group-local arrays need 131072 bytes, but the IR interpreter backend allows"
                    + " 65536 (Capabilities.localMemoryBytes()); use smaller tiles", e.reason());
            assertEquals("Kernels.hugeTile", e.kernelId());
            assertEquals("IR interpreter", e.backend());
        }
    }

    @Nested
    @DisplayName("compiling")
    class Compiling {
        @Test
        @DisplayName("rejects native source with a KernelCompilationException that says what to do")
        void noSourceDialect() {
            var e = assertThrows(KernelCompilationException.class,
                    () -> runtime.compileSource(SourceKernel.of("twice", "__kernel void twice() {}")));
            assertEquals("[twice] Compilation failed: the IR interpreter backend has no native source dialect: it runs"
                    + " Java kernels only, through their IR (compile a static Java kernel method instead, or use a"
                    + " backend with Capabilities.Feature.SOURCE_KERNELS such as opencl, cuda or metal)", e.getMessage());
            assertEquals("IR interpreter", e.backend());
        }

        @Test
        @DisplayName("passes the front end's rejection on unchanged, naming the construct and the source line")
        void frontEndRejection() {
            var e = assertThrows(KernelCompilationException.class, () -> compile("allocates"));
            assertEquals("Kernels.allocates", e.kernelId());
            assertTrue(e.reason().contains("Kernels.java:"), e.reason());
            assertEquals("", e.backend(), "the front end's failure is not the backend's");
        }
    }

    @Nested
    @DisplayName("launching")
    class Launching {
        @Test
        @DisplayName("runs a kernel on Java arrays in place and counts the launch where it ran")
        void saxpy() {
            CompiledKernel k = compile("saxpy");
            float[] x = {1, 2, 3, 4};
            float[] y = {10, 20, 30, 40};
            runtime.launch(k, Range.of(4), 2f, x, y);
            assertArrayEquals(new float[] {12, 24, 36, 48}, y);
            runtime.launch(k, Range.of(4), 1f, x, y);
            assertArrayEquals(new float[] {13, 26, 39, 52}, y);
            assertEquals(2, runtime.backend().launchCount());
            assertEquals(2, k.launchCount());
        }

        @Test
        @DisplayName("passes every array type and scalar type with Java semantics")
        void everyType() {
            CompiledKernel k = compile("everyType");
            boolean[] z = {true, false};
            byte[] b = {Byte.MAX_VALUE, 0};
            char[] c = {Character.MAX_VALUE, 'a'};
            short[] s = {Short.MIN_VALUE, 5};
            long[] l = {Long.MAX_VALUE, -2};
            double[] d = {1, -0.0};
            runtime.launch(k, Range.of(2), z, b, c, s, l, d);
            assertArrayEquals(new boolean[] {false, true}, z);
            assertArrayEquals(new byte[] {Byte.MIN_VALUE, 1}, b);
            assertArrayEquals(new char[] {0, 'b'}, c);
            assertArrayEquals(new short[] {Short.MAX_VALUE, 4}, s);
            assertArrayEquals(new long[] {Long.MAX_VALUE * 3, -6}, l);
            assertArrayEquals(new double[] {0.5, -0.0}, d);
        }

        @Test
        @DisplayName("runs 2-D ranges")
        void twoD() {
            int[] out = new int[6 * 4];
            runtime.launch(compile("ids2d"), Range.of2d(6, 4), (Object) out);
            assertEquals(5 * 100 + 3, out[3 * 6 + 5]);
            assertEquals(1 * 100 + 2, out[2 * 6 + 1]);
        }

        @Test
        @DisplayName("runs work-groups with group-local arrays and barriers")
        void groups() {
            int[] in = new int[256];
            for (int i = 0; i < in.length; i++) {
                in[i] = i;
            }
            int[] sums = new int[4];
            runtime.launch(compile("groupSums"), Range.of(256, 64), in, sums);
            for (int g = 0; g < 4; g++) {
                int expected = 0;
                for (int i = g * 64; i < g * 64 + 64; i++) {
                    expected += i;
                }
                assertEquals(expected, sums[g], "group " + g);
            }
        }

        @Test
        @DisplayName("a kernel with barriers needs a local size, and says so")
        void needsLocalSize() {
            CompiledKernel k = compile("groupSums");
            var e = assertThrows(IllegalArgumentException.class, () -> runtime.launch(k, Range.of(64), new int[64],
                    new int[1]));
            assertEquals("kernel 'Kernels.groupSums' uses ctx.barrier() or group-local arrays and needs an explicit"
                    + " work-group size, but " + Range.of(64) + " has none; launch it with a local size, e.g."
                    + " Range.of(64, 64) where 64 divides the global size", e.getMessage());
        }

        @Test
        @DisplayName("runs launches from several threads one at a time, so atomics and results add up")
        void concurrent() throws Exception {
            CompiledKernel k = compile("histogram");
            int[] data = new int[512];
            for (int i = 0; i < data.length; i++) {
                data[i] = i;
            }
            int[] bins = new int[8];
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                tasks.add(() -> {
                    runtime.launch(k, Range.of(512), data, bins);
                    return null;
                });
            }
            try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
                for (Future<Void> f : pool.invokeAll(tasks)) {
                    f.get();
                }
            }
            for (int b : bins) {
                assertEquals(8 * 512 / 8, b);
            }
            assertEquals(8, runtime.backend().launchCount());
        }
    }

    @Nested
    @DisplayName("device buffers")
    class Buffers {
        @Test
        @DisplayName("stay resident: written, launched on twice and read back")
        void resident() {
            CompiledKernel k = compile("saxpy");
            try (DeviceBuffer x = runtime.allocateFloats(4); DeviceBuffer y = runtime.allocateFloats(4)) {
                x.write(new float[] {1, 2, 3, 4});
                y.write(new float[] {1, 1, 1, 1});
                runtime.launch(k, Range.of(4), 2f, x, y);
                runtime.launch(k, Range.of(4), 2f, x, y);
                float[] back = new float[4];
                y.read(back);
                assertArrayEquals(new float[] {5, 9, 13, 17}, back);
            }
        }

        @Test
        @DisplayName("are device memory apart from their host view, as on a discrete GPU: only the copies move data")
        void discrete() {
            CompiledKernel k = compile("fill");
            try (DeviceBuffer out = runtime.allocateInts(4)) {
                runtime.launch(k, Range.of(4), out, 10);
                assertEquals(0, out.hostSegment().getAtIndex(ValueLayout.JAVA_INT, 3), "not copied to the host yet");
                out.copyToHost();
                assertEquals(13, out.hostSegment().getAtIndex(ValueLayout.JAVA_INT, 3));
                out.hostSegment().setAtIndex(ValueLayout.JAVA_INT, 0, -1);
                int[] back = new int[4];
                out.read(back); // copies the device memory over the unsynchronised host write
                assertArrayEquals(new int[] {10, 11, 12, 13}, back);
            }
        }

        @Test
        @DisplayName("passed for two parameters of one type are one memory in the launch, as in Java")
        void aliased() {
            try (DeviceBuffer b = runtime.allocateInts(3)) {
                b.write(new int[] {1, 2, 3});
                runtime.launch(compile("addInto"), Range.of(3), b, b);
                int[] back = new int[3];
                b.read(back);
                assertArrayEquals(new int[] {2, 4, 6}, back);
            }
        }

        @Test
        @DisplayName("passed as two element types in one launch are rejected, naming the argument")
        void twoViews() {
            try (DeviceBuffer b = runtime.allocateInts(3)) {
                var e = assertThrows(IllegalArgumentException.class,
                        () -> runtime.launch(compile("copyFloatsToInts"), Range.of(3), b, b));
                assertEquals("argument 1 of kernel 'Kernels.copyFloatsToInts' is a buffer already passed as a float[]"
                        + " to this launch; the IR interpreter backend cannot view one buffer as two element types in"
                        + " one launch, pass two buffers", e.getMessage());
            }
        }

        @Test
        @DisplayName("of every element type round-trip through a launch")
        void everyType() {
            try (DeviceBuffer z = runtime.allocate(2); DeviceBuffer b = runtime.allocate(2);
                    DeviceBuffer c = runtime.allocate(4); DeviceBuffer s = runtime.allocate(4);
                    DeviceBuffer l = runtime.allocateLongs(2); DeviceBuffer d = runtime.allocateDoubles(2)) {
                z.write(new byte[] {1, 0});
                b.write(new byte[] {Byte.MAX_VALUE, 0});
                c.hostSegment().setAtIndex(ValueLayout.JAVA_CHAR, 0, Character.MAX_VALUE);
                c.hostSegment().setAtIndex(ValueLayout.JAVA_CHAR, 1, 'a');
                c.copyToDevice();
                s.hostSegment().setAtIndex(ValueLayout.JAVA_SHORT, 0, Short.MIN_VALUE);
                s.hostSegment().setAtIndex(ValueLayout.JAVA_SHORT, 1, (short) 5);
                s.copyToDevice();
                l.write(new long[] {Long.MAX_VALUE, -2});
                d.write(new double[] {1, -0.0});
                runtime.launch(compile("everyType"), Range.of(2), z, b, c, s, l, d);
                byte[] zb = new byte[2];
                z.read(zb);
                assertArrayEquals(new byte[] {0, 1}, zb);
                byte[] bb = new byte[2];
                b.read(bb);
                assertArrayEquals(new byte[] {Byte.MIN_VALUE, 1}, bb);
                c.copyToHost();
                assertEquals(0, c.hostSegment().getAtIndex(ValueLayout.JAVA_CHAR, 0));
                assertEquals('b', c.hostSegment().getAtIndex(ValueLayout.JAVA_CHAR, 1));
                s.copyToHost();
                assertEquals(Short.MAX_VALUE, s.hostSegment().getAtIndex(ValueLayout.JAVA_SHORT, 0));
                assertEquals(4, s.hostSegment().getAtIndex(ValueLayout.JAVA_SHORT, 1));
                long[] lb = new long[2];
                l.read(lb);
                assertArrayEquals(new long[] {Long.MAX_VALUE * 3, -6}, lb);
                double[] db = new double[2];
                d.read(db);
                assertArrayEquals(new double[] {0.5, -0.0}, db);
            }
        }

        @Test
        @DisplayName("of zero bytes are fine")
        void empty() {
            try (DeviceBuffer b = runtime.allocate(0)) {
                assertEquals(0, b.byteSize());
                b.copyToDevice();
                b.copyToHost();
            }
        }
    }

    @Nested
    @DisplayName("memory")
    class Memory {
        @Test
        @DisplayName("is counted: allocations, bytes in use, peak and the limit")
        void stats() {
            DeviceBuffer a = runtime.allocate(100);
            DeviceBuffer b = runtime.allocate(28);
            assertEquals(new MemoryStats(2, 0, 128, 0, 128, InterpBackendProvider.DEFAULT_MEMORY_LIMIT),
                    runtime.memoryStats());
            a.close();
            b.close();
            a.close();
            assertEquals(new MemoryStats(2, 0, 0, 0, 128, InterpBackendProvider.DEFAULT_MEMORY_LIMIT),
                    runtime.memoryStats());
            assertTrue(a.isClosed());
            var e = assertThrows(IllegalStateException.class, a::hostSegment);
            assertEquals("buffer of 100 bytes of the IR interpreter backend is closed; allocate a new buffer",
                    e.getMessage());
        }

        @Test
        @DisplayName("is capped by the runtime's memory limit, with the requested and available bytes")
        void limit() {
            try (ComputeRuntime small = ComputeRuntime.builder().backend("interp").memoryLimit(1000).build()) {
                DeviceBuffer first = small.allocate(600);
                var e = assertThrows(ComputeOutOfMemoryException.class, () -> small.allocate(500));
                assertEquals("Out of memory: requested 500 bytes, available 400 bytes", e.getMessage());
                assertEquals("the memory limit of 1000 bytes of the IR interpreter backend has 600 bytes in use; free"
                        + " buffers or raise the limit (ComputeRuntime.Builder.memoryLimit, -Djdotcompute.memoryLimit)",
                        e.getCause().getMessage());
                first.close();
                small.allocate(1000).close();
                assertEquals(1000, small.backend().capabilities().maxAllocationBytes());
                assertEquals(1000, small.backend().device().globalMemoryBytes());
            }
        }

        @Test
        @DisplayName("rejects a negative size")
        void negative() {
            var e = assertThrows(AllocationException.class, () -> runtime.allocate(-1));
            assertEquals("Cannot allocate -1 bytes: the size is negative; pass a byte count of 0 or more",
                    e.getMessage());
        }
    }

    @Nested
    @DisplayName("a failing work-item")
    class Failures {
        @Test
        @DisplayName("throws the DeviceKernelException every backend throws, with the Java exception as its cause")
        void bounds() {
            CompiledKernel k = compile("boundsRead");
            int[] in = new int[8];
            int[] out = new int[8];
            var e = assertThrows(DeviceKernelException.class, () -> runtime.launch(k, Range.of(8), in, out));
            int line = SourceLines.of(Kernels.class, "FAILS:boundsRead");
            assertEquals("[IR interpreter] Execution failed: ArrayIndexOutOfBoundsException: Index 8 out of bounds for"
                    + " length 8 in kernel 'Kernels.boundsRead' at Kernels.java:" + line
                    + " (global id (7, 0, 0); 1 failing work-item(s))", e.getMessage());
            assertEquals("IR interpreter", e.backend());
            ArrayIndexOutOfBoundsException cause = assertInstanceOf(ArrayIndexOutOfBoundsException.class, e.getCause());
            assertEquals("Index 8 out of bounds for length 8", cause.getMessage());
            StackTraceElement frame = cause.getStackTrace()[0];
            assertEquals(Kernels.class.getName(), frame.getClassName());
            assertEquals("boundsRead", frame.getMethodName());
            assertEquals(line, frame.getLineNumber());
            assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0, 0, 7}, out, "the other work-items' writes are kept");
            assertEquals(1, runtime.backend().launchCount(), "the launch ran");
        }

        @Test
        @DisplayName("keeps what the other work-items wrote to a device buffer")
        void buffersAfterFailure() {
            CompiledKernel k = compile("boundsRead");
            try (DeviceBuffer in = runtime.allocateInts(4); DeviceBuffer out = runtime.allocateInts(4)) {
                assertThrows(DeviceKernelException.class, () -> runtime.launch(k, Range.of(4), in, out));
                int[] back = new int[4];
                out.read(back);
                assertArrayEquals(new int[] {0, 0, 0, 7}, back);
            }
        }

        @Test
        @DisplayName("rebuilds a thrown exception with its dynamic message and counts every failing work-item")
        void thrown() {
            CompiledKernel k = compile("rejectsNegative");
            var e = assertThrows(DeviceKernelException.class,
                    () -> runtime.launch(k, Range.of(6), (Object) new int[] {1, -2, 3, -4, 5, -6}));
            assertEquals("negative value -2 at 1", e.getCause().getMessage());
            assertInstanceOf(IllegalArgumentException.class, e.getCause());
            assertEquals(SourceLines.of(Kernels.class, "FAILS:negative"), e.sourceLine());
            assertEquals("Kernels.java", e.sourceFile());
            assertEquals(3, e.failureCount());
            assertArrayEquals(new int[] {1, 0, 0}, e.globalId());
        }

        @Test
        @DisplayName("without checks, an unguarded access out of bounds is undefined behaviour, reported as such")
        void undefined() {
            try (ComputeRuntime unchecked = ComputeRuntime.builder().backend("interp").checks(CheckMode.NONE).build()) {
                CompiledKernel k = unchecked.compile(Kernels.LOOKUP, "boundsRead");
                var e = assertThrows(BackendExecutionException.class,
                        () -> unchecked.launch(k, Range.of(4), new int[4], new int[4]));
                assertFalse(e instanceof DeviceKernelException);
                assertEquals("IR interpreter", e.backend());
                assertTrue(e.reason().startsWith("kernel 'Kernels.boundsRead' has undefined behaviour: "), e.reason());
                assertTrue(e.reason().endsWith("; on a GPU it would read or write memory at random or hang, here it"
                        + " stopped. Launch it with checks (CheckMode.INDEX or FULL) or fix the kernel"), e.reason());
                assertInstanceOf(IllegalStateException.class, e.getCause());
            }
        }

        @Test
        @DisplayName("work-items of a group reaching different barriers is undefined behaviour, reported as such")
        void divergentBarrier() {
            CompiledKernel k = compile("divergentBarrier");
            var e = assertThrows(BackendExecutionException.class,
                    () -> runtime.launch(k, Range.of(8, 4), (Object) new int[8]));
            assertTrue(e.reason().contains("every work-item of a group must reach the same barriers"), e.reason());
        }
    }

    @Nested
    @DisplayName("closing")
    class Closing {
        @Test
        @DisplayName("closes its buffers and refuses further work")
        void close() {
            ComputeRuntime rt = ComputeRuntime.builder().backend("interp").build();
            CompiledKernel k = rt.compile(Kernels.LOOKUP, "fill");
            DeviceBuffer b = rt.allocateInts(2);
            rt.launch(k, Range.of(2), b, 1);
            rt.close();
            assertTrue(b.isClosed());
            assertEquals(1, rt.backend().launchCount());
            assertThrows(IllegalStateException.class, () -> rt.launch(k, Range.of(2), new int[2], 1));
            rt.close();
        }

        @Test
        @DisplayName("the backend itself, once closed, refuses work, naming itself; closing it again does nothing")
        void backendClosed() {
            Backend backend = new InterpBackendProvider().open(BackendConfig.defaults());
            DeviceBuffer b = backend.allocate(8);
            backend.close();
            assertTrue(b.isClosed(), "closing the backend closes its buffers");
            assertEquals(0, backend.memoryStats().bytesInUse());
            var e = assertThrows(IllegalStateException.class, () -> backend.allocate(4));
            assertEquals("IR interpreter backend is closed; create a new runtime", e.getMessage());
            backend.close();
        }
    }
}
