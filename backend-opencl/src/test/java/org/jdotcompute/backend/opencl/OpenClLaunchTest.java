package org.jdotcompute.backend.opencl;

import static org.jdotcompute.backend.opencl.IrBuilder.global;
import static org.jdotcompute.spi.ir.Const.ofInt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jdotcompute.api.CheckMode;
import org.jdotcompute.api.DeviceBuffer;
import org.jdotcompute.api.KernelContext;
import org.jdotcompute.api.Range;
import org.jdotcompute.api.exceptions.DeviceKernelException;
import org.jdotcompute.api.exceptions.KernelCompilationException;
import org.jdotcompute.backend.opencl.HandBuiltKernels.Fixture;
import org.jdotcompute.spi.BackendKernel;
import org.jdotcompute.spi.ir.BinaryOp;
import org.jdotcompute.spi.ir.FailureMode;
import org.jdotcompute.spi.ir.IrFeature;
import org.jdotcompute.spi.ir.IrType;
import org.jdotcompute.spi.ir.KernelIR;
import org.jdotcompute.spi.ir.Scalar;
import org.jdotcompute.spi.ir.Stmt;
import org.jdotcompute.spi.ir.Terminator;
import org.jdotcompute.spi.ir.Var;
import org.jdotcompute.spi.ir.WorkItemQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** How Java kernels receive their arguments and how launches behave at their edges. */
@DisplayName("Launching Java kernels on OpenCL")
class OpenClLaunchTest {
    private static OpenClBackend backend;

    @BeforeAll
    static void open() {
        backend = OpenClTestSupport.open();
    }

    @AfterAll
    static void close() {
        if (backend != null) {
            backend.close();
        }
    }

    static void launch(BackendKernel k, Range range, Object... args) {
        backend.launch(k, range, Arrays.asList(args));
    }

    /** Stand-in Java methods for IR built in this class. */
    static final class Kernels {
        private Kernels() {
        }

        static void subword(KernelContext ctx, byte b, char c, short s, boolean z, byte[] bytes, char[] chars,
                short[] shorts, boolean[] bools, int[] out) {
            throw new UnsupportedOperationException("the IR runs");
        }

        static void hugeTile(KernelContext ctx, float[] a) {
            throw new UnsupportedOperationException("the IR runs");
        }
    }

    static Method kernel(String name) {
        return Arrays.stream(Kernels.class.getDeclaredMethods()).filter(m -> m.getName().equals(name)).findFirst()
                .orElseThrow();
    }

    @Nested
    @DisplayName("arrays")
    class Arrays_ {
        @Test
        @DisplayName("of length zero pass a null pointer and length 0")
        void empty() {
            BackendKernel add = backend.compile(HandBuiltKernels.vectorAdd().request());
            launch(add, Range.of(4), new float[0], new float[0], new float[0]);
            BackendKernel saxpy = backend.compile(HandBuiltKernels.saxpy().request());
            DeviceKernelException e = assertThrows(DeviceKernelException.class,
                    () -> launch(saxpy, Range.of(1), 1f, new float[0], new float[1]));
            assertEquals("Index 0 out of bounds for length 0", e.getCause().getMessage());
        }

        @Test
        @DisplayName("passed for two parameters are one array on the device, as in Java")
        void aliased() {
            BackendKernel add = backend.compile(HandBuiltKernels.vectorAdd().request());
            float[] a = {1, 2, 3};
            launch(add, Range.of(3), a, a, a);
            assertArrayEquals(new float[] {2, 4, 6}, a);
        }

        @Test
        @DisplayName("may be resident DeviceBuffers, whose length is their size in elements")
        void buffers() {
            BackendKernel saxpy = backend.compile(HandBuiltKernels.saxpy().request());
            try (DeviceBuffer x = backend.allocate(16); DeviceBuffer y = backend.allocate(16)) {
                x.write(new float[] {1, 2, 3, 4});
                y.write(new float[] {10, 10, 10, 10});
                launch(saxpy, Range.of(4), 2f, x, y);
                launch(saxpy, Range.of(4), 2f, x, y);
                float[] out = new float[4];
                y.read(out);
                assertArrayEquals(new float[] {14, 18, 22, 26}, out);
                DeviceKernelException e = assertThrows(DeviceKernelException.class, () -> launch(saxpy, Range.of(5), 2f, x,
                        new float[5]));
                assertEquals("Index 4 out of bounds for length 4", e.getCause().getMessage());
            }
        }

        @Test
        @DisplayName("of sub-word types load with Java's sign and zero extension and store narrowed")
        void subword() {
            IrBuilder f = IrBuilder.kernel("subword", "Kernels.subword");
            Var b = f.param("p_b", IrType.INT);
            Var c = f.param("p_c", IrType.INT);
            Var s = f.param("p_s", IrType.INT);
            Var z = f.param("p_z", IrType.INT);
            Var bytes = f.param("p_bytes", global(Scalar.BYTE));
            Var chars = f.param("p_chars", global(Scalar.CHAR));
            Var shorts = f.param("p_shorts", global(Scalar.SHORT));
            Var bools = f.param("p_bools", global(Scalar.BOOLEAN));
            Var out = f.param("p_out", global(Scalar.INT));
            Var i = f.local("l_i", IrType.INT);
            Var v = f.local("l_v", IrType.INT);
            Var base = f.local("l_base", IrType.INT);
            Var at = f.local("l_at", IrType.INT);
            IrBuilder.BlockBuilder blk = f.block(0).add(new Stmt.WorkItem(i, WorkItemQuery.GLOBAL_ID, 0))
                    .add(new Stmt.Binary(base, BinaryOp.MUL, i, ofInt(8)));
            Var[] arrays = {bytes, chars, shorts, bools};
            Var[] scalars = {b, c, s, z};
            for (int k = 0; k < 4; k++) {
                blk.add(new Stmt.Load(v, arrays[k], i)).add(new Stmt.Binary(at, BinaryOp.ADD, base, ofInt(k)))
                        .add(new Stmt.Store(out, at, v)).add(new Stmt.Binary(at, BinaryOp.ADD, base, ofInt(4 + k)))
                        .add(new Stmt.Store(out, at, scalars[k]))
                        .add(new Stmt.Binary(v, BinaryOp.ADD, v, k == 3 ? ofInt(3) : ofInt(0x8001)))
                        .add(new Stmt.Store(arrays[k], i, v));
            }
            blk.end(new Terminator.Return(Optional.empty()));
            KernelIR ir = new KernelIR("Kernels.subword", f.build(FailureMode.RETURN, false), List.of(), List.of(), Set.of(),
                    CheckMode.NONE);
            BackendKernel k = backend.compile(new Fixture("subword", kernel("subword"), ir).request());
            byte[] bs = {-128, 127, -1};
            char[] cs = {0xffff, 'A', 0x8000};
            short[] ss = {-32768, 32767, -1};
            boolean[] zs = {true, false, true};
            int[] o = new int[24];
            launch(k, Range.of(3), (byte) -5, '\ufffe', (short) -300, true, bs, cs, ss, zs, o);
            assertArrayEquals(new int[] {-128, 0xffff, -32768, 1, -5, 0xfffe, -300, 1, 127, 'A', 32767, 0, -5, 0xfffe, -300,
                1, -1, 0x8000, -1, 1, -5, 0xfffe, -300, 1}, o);
            assertArrayEquals(new byte[] {(byte) (-128 + 0x8001), (byte) (127 + 0x8001), (byte) (-1 + 0x8001)}, bs);
            assertArrayEquals(new char[] {(char) (0xffff + 0x8001), (char) ('A' + 0x8001), (char) (0x8000 + 0x8001)}, cs);
            assertArrayEquals(new short[] {(short) (-32768 + 0x8001), (short) (32767 + 0x8001), (short) (-1 + 0x8001)}, ss);
            assertArrayEquals(new boolean[] {false, true, false}, zs, "a boolean store keeps bit 0, like bastore");
        }
    }

    @Nested
    @DisplayName("compilation")
    class Compilation {
        @Test
        @DisplayName("refuses group-local arrays larger than the device's local memory, naming both sizes")
        void localMemoryLimit() {
            long localBytes = backend.capabilities().localMemoryBytes();
            int floats = (int) Math.min(Integer.MAX_VALUE, localBytes / 4 + 1);
            IrBuilder f = IrBuilder.kernel("hugeTile", "Kernels.hugeTile");
            f.param("p_a", global(Scalar.FLOAT));
            f.localArray(Scalar.FLOAT, floats);
            f.block(0).end(new Terminator.Return(Optional.empty()));
            KernelIR ir = new KernelIR("Kernels.hugeTile", f.build(FailureMode.CONTINUE, false), List.of(), List.of(),
                    Set.of(IrFeature.LOCAL_MEMORY), CheckMode.NONE);
            KernelCompilationException e = assertThrows(KernelCompilationException.class,
                    () -> backend.compile(new Fixture("hugeTile", kernel("hugeTile"), ir).request()));
            assertEquals("[Kernels.hugeTile] Compilation failed: the kernel's group-local arrays need " + (floats * 4L)
                    + " bytes, but OpenCL device '" + backend.device().name() + "' has " + localBytes
                    + " bytes of local memory; use smaller tiles", e.getMessage());
            assertEquals("OpenCL", e.backend());
        }

        @Test
        @DisplayName("reports inconsistent IR as a compilation failure naming the function and block")
        void inconsistentIr() {
            IrBuilder f = IrBuilder.kernel("hugeTile", "Kernels.hugeTile");
            Var a = f.param("p_a", global(Scalar.FLOAT));
            f.block(0).add(new Stmt.CheckIndex(5, a, ofInt(0))).end(new Terminator.Return(Optional.empty()));
            KernelIR ir = new KernelIR("Kernels.hugeTile", f.build(FailureMode.RETURN, true), List.of(), List.of(),
                    Set.of(), CheckMode.INDEX);
            KernelCompilationException e = assertThrows(KernelCompilationException.class,
                    () -> backend.compile(new Fixture("hugeTile", kernel("hugeTile"), ir).request()));
            assertEquals("[Kernels.hugeTile] Compilation failed: the kernel cannot be translated to OpenCL C for device '"
                    + backend.device().name() + "': OpenCL C emitter: function hugeTile block 0 records site 5, outside the"
                    + " site table of 0 site(s)", e.getMessage());
            assertInstanceOf(IllegalArgumentException.class, e.getCause());
        }
    }

    @Nested
    @DisplayName("launches")
    class Launches {
        @Test
        @DisplayName("of a closed kernel are refused")
        void closedKernel() {
            BackendKernel k = backend.compile(HandBuiltKernels.vectorAdd().request());
            k.close();
            k.close();
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> launch(k, Range.of(1), new float[1], new float[1], new float[1]));
            assertEquals("OpenCL kernel 'TestKernels.vectorAdd' is closed; compile it again", e.getMessage());
        }

        @Test
        @DisplayName("refuse kernels and buffers of another backend")
        void foreign() {
            try (OpenClBackend other = OpenClTestSupport.open()) {
                BackendKernel theirs = other.compile(HandBuiltKernels.vectorAdd().request());
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> launch(theirs, Range.of(1), new float[1], new float[1], new float[1]));
                assertEquals("OpenCL kernel 'TestKernels.vectorAdd' was not compiled by " + backend
                        + "; compile it with this backend", e.getMessage());
                BackendKernel ours = backend.compile(HandBuiltKernels.vectorAdd().request());
                try (DeviceBuffer buffer = other.allocate(4)) {
                    IllegalArgumentException b = assertThrows(IllegalArgumentException.class,
                            () -> launch(ours, Range.of(1), buffer, new float[1], new float[1]));
                    assertEquals("argument 0 of kernel 'TestKernels.vectorAdd' is " + buffer + ", which " + backend
                            + " did not allocate; allocate it with this backend", b.getMessage());
                }
            }
        }

        @Test
        @DisplayName("from many threads at once each get their own arguments and error record")
        void concurrent() throws Exception {
            BackendKernel saxpy = backend.compile(HandBuiltKernels.saxpy().request());
            long before = backend.launchCount();
            try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
                List<Future<?>> results = new ArrayList<>();
                for (int t = 0; t < 6; t++) {
                    int thread = t;
                    results.add(pool.submit(() -> {
                        for (int round = 0; round < 15; round++) {
                            float a = thread + round;
                            float[] x = new float[257];
                            float[] y = new float[257];
                            Arrays.fill(x, 1f);
                            if ((thread + round) % 3 == 0) {
                                DeviceKernelException e = assertThrows(DeviceKernelException.class,
                                        () -> launch(saxpy, Range.of(258), a, x, new float[258]));
                                assertEquals("Index 257 out of bounds for length 257", e.getCause().getMessage());
                                assertEquals(1, e.failureCount());
                            } else {
                                launch(saxpy, Range.of(257), a, x, y);
                                for (float v : y) {
                                    assertEquals(a, v);
                                }
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : results) {
                    f.get();
                }
            }
            assertEquals(before + 90, backend.launchCount());
            assertTrue(backend.memoryStats().bytesInUse() == 0, "launch staging is released");
        }
    }
}
