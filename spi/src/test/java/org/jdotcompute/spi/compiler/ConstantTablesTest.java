package org.jdotcompute.spi.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.jdotcompute.api.CheckMode;
import org.jdotcompute.api.KernelContext;
import org.jdotcompute.api.Range;
import org.jdotcompute.api.exceptions.DeviceKernelException;
import org.jdotcompute.spi.ir.AddressSpace;
import org.jdotcompute.spi.ir.Const;
import org.jdotcompute.spi.ir.ConstantArrayDecl;
import org.jdotcompute.spi.ir.FailureMode;
import org.jdotcompute.spi.ir.IntrinsicOp;
import org.jdotcompute.spi.ir.IrFeature;
import org.jdotcompute.spi.ir.IrFunction;
import org.jdotcompute.spi.ir.IrInterpreter;
import org.jdotcompute.spi.ir.IrType;
import org.jdotcompute.spi.ir.IrVerifier;
import org.jdotcompute.spi.ir.KernelIR;
import org.jdotcompute.spi.ir.PrivateArrayDecl;
import org.jdotcompute.spi.ir.Scalar;
import org.jdotcompute.spi.ir.Stmt;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Constant tables, arrays made with new, and transcendental functions lowered to StrictMath")
class ConstantTablesTest {
    static final int N = 24;

    static Method kernel(String name) {
        return Stream.of(TableKernels.class.getMethods()).filter(m -> m.getName().equals(name)).findFirst().orElseThrow();
    }

    static KernelIR translate(String name, CheckMode mode) {
        return KernelTranslator.translate(kernel(name), mode);
    }

    static Stream<Stmt> statements(IrFunction f) {
        return f.blocks().stream().flatMap(b -> b.statements().stream());
    }

    static Stream<Stmt> statements(KernelIR ir) {
        return ir.functions().stream().flatMap(ConstantTablesTest::statements);
    }

    /** A 1-D work-item for running a kernel method as plain Java (no barriers, no local arrays). */
    record Item(int id, int size) implements KernelContext {
        @Override
        public int globalId(int dim) {
            return dim == 0 ? id : 0;
        }

        @Override
        public int localId(int dim) {
            return globalId(dim);
        }

        @Override
        public int groupId(int dim) {
            return 0;
        }

        @Override
        public int globalSize(int dim) {
            return dim == 0 ? size : 1;
        }

        @Override
        public int localSize(int dim) {
            return globalSize(dim);
        }

        @Override
        public int numGroups(int dim) {
            return 1;
        }

        @Override
        public void barrier() {
            throw new UnsupportedOperationException();
        }

        @Override
        public float[] localFloats(int n) {
            throw new UnsupportedOperationException();
        }

        @Override
        public double[] localDoubles(int n) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int[] localInts(int n) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long[] localLongs(int n) {
            throw new UnsupportedOperationException();
        }

        @Override
        public short[] localShorts(int n) {
            throw new UnsupportedOperationException();
        }

        @Override
        public byte[] localBytes(int n) {
            throw new UnsupportedOperationException();
        }
    }

    /** Runs {@code name} as Java on {@code javaArgs} and in the IR interpreter on {@code irArgs}. */
    static void runBoth(String name, KernelIR ir, int n, List<Object> javaArgs, List<Object> irArgs) throws Exception {
        Method m = kernel(name);
        for (int i = 0; i < n; i++) {
            Object[] a = new Object[javaArgs.size() + 1];
            a[0] = new Item(i, n);
            for (int k = 0; k < javaArgs.size(); k++) {
                a[k + 1] = javaArgs.get(k);
            }
            m.invoke(null, a);
        }
        new IrInterpreter(ir).execute(Range.of(n), irArgs);
    }

    static int[] ints(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextInt();
        }
        return a;
    }

    @Nested
    @DisplayName("a static final primitive array")
    class Tables {
        @Test
        @DisplayName("becomes a constant table holding a snapshot of its values, bound by ConstantArray")
        void snapshotInIr() {
            KernelIR ir = translate("everyType", CheckMode.INDEX);
            ConstantArrayDecl squares = ir.constantArrays().stream()
                    .filter(c -> c.origin().equals("org.jdotcompute.spi.compiler.TableKernels.SQUARES")).findFirst()
                    .orElseThrow();
            assertEquals(Scalar.INT, squares.element());
            assertEquals(List.of(0, 1, 4, 9, 16, 25, 36, 49), squares.values().stream().map(Const::intValue).toList());
            assertEquals(10, ir.constantArrays().size(), ir.constantArrays().toString());
            assertTrue(statements(ir).anyMatch(s -> s instanceof Stmt.ConstantArray c && c.arrayId() == squares.id()
                    && c.dst().type().equals(new IrType.Array(Scalar.INT, AddressSpace.CONSTANT))));
            ConstantArrayDecl floats = ir.constantArrays().stream().filter(c -> c.element() == Scalar.FLOAT)
                    .findFirst().orElseThrow();
            assertEquals(0x7fc00001, floats.values().get(3).intValue(), "a NaN keeps its payload");
        }

        @Test
        @DisplayName("of every element type reads exactly what Java reads, lengths included")
        void everyType() throws Exception {
            KernelIR ir = translate("everyType", CheckMode.INDEX);
            List<Object> java = List.of(new int[N * 6], new long[N], new float[N], new double[N * 2]);
            List<Object> device = List.of(new int[N * 6], new long[N], new float[N], new double[N * 2]);
            runBoth("everyType", ir, N, java, device);
            assertArrayEquals((int[]) java.get(0), (int[]) device.get(0));
            assertArrayEquals((long[]) java.get(1), (long[]) device.get(1));
            float[] jf = (float[]) java.get(2);
            float[] df = (float[]) device.get(2);
            for (int i = 0; i < N; i++) {
                assertEquals(Float.floatToRawIntBits(jf[i]), Float.floatToRawIntBits(df[i]), "float " + i);
            }
            double[] jd = (double[]) java.get(3);
            double[] dd = (double[]) device.get(3);
            for (int i = 0; i < jd.length; i++) {
                assertEquals(Double.doubleToRawLongBits(jd[i]), Double.doubleToRawLongBits(dd[i]), "double " + i);
            }
        }

        @Test
        @DisplayName("is one table however many functions read it; a device function taking it is made for constant memory")
        void sharedAndPassed() throws Exception {
            KernelIR ir = translate("shared", CheckMode.INDEX);
            assertEquals(1, ir.constantArrays().size());
            assertEquals(3, statements(ir).filter(s -> s instanceof Stmt.ConstantArray).count());
            List<String> picks = ir.deviceFunctions().stream().filter(f -> f.name().startsWith("TableKernels_pick"))
                    .map(f -> f.parameters().getFirst().type().toString()).sorted().toList();
            assertEquals(List.of("int[]", "int[]@constant"), picks);
            int[] in = ints(5, N);
            int[] java = new int[N];
            int[] device = new int[N];
            runBoth("shared", ir, N, List.of(in.clone(), java), List.of(in.clone(), device));
            assertArrayEquals(java, device);
        }

        @Test
        @DisplayName("is bounds-checked like any array")
        void bounds() {
            KernelIR ir = translate("tableBounds", CheckMode.INDEX);
            int[] in = new int[N];
            in[13] = 8;
            IrInterpreter.Execution run = new IrInterpreter(ir).execute(Range.of(N), List.of(in, new int[N]));
            DeviceKernelException e = run.failure(getClass().getClassLoader()).orElseThrow();
            assertEquals(ArrayIndexOutOfBoundsException.class, e.getCause().getClass());
            assertEquals("Index 8 out of bounds for length 8", e.getCause().getMessage());
            assertEquals(13, e.globalId()[0]);
        }

        @Test
        @DisplayName("is read when the kernel is first compiled: later changes to the array do not reach the device")
        void snapshotAtCompileTime() {
            KernelIR ir = translate("snapshot", CheckMode.NONE);
            int old = TableKernels.SNAPSHOT[1];
            try {
                TableKernels.SNAPSHOT[1] = 99;
                assertSame(ir, translate("snapshot", CheckMode.NONE), "the translation is cached");
                int[] out = new int[4];
                new IrInterpreter(ir).execute(Range.of(4), List.of(out));
                assertArrayEquals(new int[] {10, 20, 10, 20}, out);
                assertEquals(20, ir.constantArrays().getFirst().values().get(1).intValue());
            } finally {
                TableKernels.SNAPSHOT[1] = old;
            }
        }
    }

    @Nested
    @DisplayName("an array made with new and a constant length")
    class NewArrays {
        @Test
        @DisplayName("is a zeroed per-work-item array, zeroed again at every allocation, passable to device functions")
        void privateArrays() throws Exception {
            KernelIR ir = translate("allocates", CheckMode.INDEX);
            assertEquals(List.of(new PrivateArrayDecl(0, Scalar.INT, 4), new PrivateArrayDecl(1, Scalar.BOOLEAN, 3),
                    new PrivateArrayDecl(2, Scalar.DOUBLE, 2)), ir.kernel().privateArrays());
            IrFunction fresh = ir.deviceFunctions().stream().filter(f -> f.name().equals("TableKernels_fresh"))
                    .findFirst().orElseThrow();
            assertEquals(List.of(new PrivateArrayDecl(0, Scalar.LONG, 3)), fresh.privateArrays());
            IrFunction fill = ir.deviceFunctions().stream().filter(f -> f.name().equals("TableKernels_fill"))
                    .findFirst().orElseThrow();
            assertEquals(new IrType.Array(Scalar.DOUBLE, AddressSpace.PRIVATE), fill.parameters().getFirst().type());
            int[] in = ints(9, N);
            int[] java = new int[N * 3];
            int[] device = new int[N * 3];
            double[] jd = new double[N];
            double[] dd = new double[N];
            runBoth("allocates", ir, N, List.of(in.clone(), java, jd), List.of(in.clone(), device, dd));
            assertArrayEquals(java, device);
            assertArrayEquals(jd, dd);
        }
    }

    @Nested
    @DisplayName("without reflection, a static initializer")
    class Initializers {
        static ClassModel model(Class<?> c) throws IOException {
            try (InputStream in = c.getResourceAsStream("/" + c.getName().replace('.', '/') + ".class")) {
                return ClassFile.of().parse(in.readAllBytes());
            }
        }

        static ConstantTables.Outcome evaluate(Class<?> c, String field, Scalar element) throws IOException {
            return ConstantTables.fromInitializer(model(c), field, element, "p");
        }

        static List<Long> bits(ConstantTables.Outcome o) {
            assertTrue(o instanceof ConstantTables.Values, () -> o.toString());
            return ((ConstantTables.Values) o).values().stream().map(Const::bits).toList();
        }

        static String reason(ConstantTables.Outcome o) {
            assertTrue(o instanceof ConstantTables.Unreadable, () -> o.toString());
            return ((ConstantTables.Unreadable) o).reason();
        }

        @Test
        @DisplayName("with plain '{...}' initialisers, later element stores and locals is evaluated")
        void evaluated() throws IOException {
            assertEquals(List.of(3L, 1L, 4L), bits(evaluate(ClinitShapes.Plain.class, "T", Scalar.INT)));
            assertEquals(List.of(3L, 9L, 4L), bits(evaluate(ClinitShapes.Updated.class, "T", Scalar.INT)));
            assertEquals(List.of(5L, -6L), bits(evaluate(ClinitShapes.ViaLocal.class, "T", Scalar.LONG)));
            assertEquals(List.of((long) Float.floatToRawIntBits(1.5f), (long) Float.floatToRawIntBits(Float.NaN),
                    (long) Float.floatToRawIntBits(-0.0f)), bits(evaluate(ClinitShapes.Unrelated.class, "T", Scalar.FLOAT)));
            assertEquals(List.of(1L, 0L, 1L), bits(evaluate(ClinitShapes.Unrelated.class, "FLAGS", Scalar.BOOLEAN)));
            assertEquals(List.of(120L, 65535L), bits(evaluate(ClinitShapes.Unrelated.class, "CHARS", Scalar.CHAR)));
        }

        @Test
        @DisplayName("with control flow, escaping arrays or computed values is refused with the reason")
        void refused() throws IOException {
            assertEquals("its package p is not open to org.jdotcompute.spi, and its static initializer has control flow"
                    + " (if_icmpge), and the compiler follows only straight-line code", reason(evaluate(ClinitShapes.Looped.class, "T",
                            Scalar.INT)));
            assertEquals("its package p is not open to org.jdotcompute.spi, and its static initializer passes the array"
                    + " to code the compiler cannot follow", reason(evaluate(ClinitShapes.Escapes.class, "T", Scalar.INT)));
            assertEquals("its package p is not open to org.jdotcompute.spi, and its static initializer assigns it a value"
                    + " computed at run time", reason(evaluate(ClinitShapes.Computed.class, "T", Scalar.INT)));
            assertEquals("its package p is not open to org.jdotcompute.spi, and its static initializer stores a value"
                    + " computed at run time into it", reason(evaluate(ClinitShapes.ComputedElement.class, "T",
                            Scalar.DOUBLE)));
            assertEquals("its package p is not open to org.jdotcompute.spi, and its static initializer does not assign"
                    + " it", reason(evaluate(ClinitShapes.Plain.class, "MISSING", Scalar.INT)));
        }

        @Test
        @DisplayName("of the JDK's fdlibm gives its tables")
        void fdlibm() throws Exception {
            Class<?> atan = Class.forName("java.lang.FdLibm$Atan");
            try (InputStream in = Object.class.getResourceAsStream("/java/lang/FdLibm$Atan.class")) {
                ClassModel cm = ClassFile.of().parse(in.readAllBytes());
                List<Long> hi = bits(ConstantTables.fromInitializer(cm, "atanhi", Scalar.DOUBLE, "java.lang"));
                assertEquals(4, hi.size());
                assertEquals(Double.doubleToRawLongBits(Math.PI / 4), hi.get(1), "atan(1) = pi/4");
                assertEquals(Double.doubleToRawLongBits(Math.PI / 2), hi.get(3), "atan(inf) = pi/2");
            }
            assertFalse(atan.getDeclaredField("atanhi").trySetAccessible(), "java.lang is not open: no reflection");
        }
    }

    @Nested
    @DisplayName("failure modes")
    class Modes {
        @Test
        @DisplayName("a JDK method that throws is made once per calling line, each reporting its own line")
        void throwsPerLine() {
            KernelIR ir = translate("twoExactLines", CheckMode.USER);
            assertEquals(List.of("Math_addExact", "Math_addExact_2"),
                    ir.deviceFunctions().stream().map(IrFunction::name).toList());
            assertEquals(2, ir.sites().size());
            assertEquals(ir.sites().get(0).sourceLine() + 1, ir.sites().get(1).sourceLine());
        }

        @Test
        @DisplayName("in a barrier kernel, a device function that can neither fail nor reach a barrier returns on failure")
        void pureHelperInBarrierKernel() {
            KernelIR ir = translate("barrierWithPureHelper", CheckMode.INDEX);
            assertEquals(FailureMode.CONTINUE, ir.kernel().failureMode());
            IrFunction twice = ir.deviceFunctions().getFirst();
            assertEquals(FailureMode.RETURN, twice.failureMode());
            assertFalse(twice.mayFail());
            IrVerifier.verify(ir);
        }
    }

    @Nested
    @DisplayName("lowering transcendental functions to StrictMath")
    class Lowering {
        static final double[] EDGES = {0, -0.0, 1, -1, 0.5, -0.5, Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE, 1e-310, 1e300, -1e300, Math.PI / 2, Math.PI,
            1e22, 0x1p1023, 709.8, -745.2, 3e-9, 0x1p-28, 22, -22, 2, 0.9999999999999999, 1.0000000000000002};

        static double[][] inputs(int n, long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            double[] a = new double[n];
            double[] b = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = switch (i % 5) {
                    case 0 -> EDGES[i / 5 % EDGES.length];
                    case 1 -> r.nextDouble(-10, 10);
                    case 2 -> Double.longBitsToDouble(r.nextLong());
                    case 3 -> r.nextDouble(-1e6, 1e6);
                    default -> r.nextDouble(-1, 1);
                };
                b[i] = switch (i % 3) {
                    case 0 -> EDGES[r.nextInt(EDGES.length)];
                    case 1 -> r.nextDouble(-10, 10);
                    default -> Double.longBitsToDouble(r.nextLong());
                };
            }
            return new double[][] {a, b};
        }

        @Test
        @DisplayName("gives exactly StrictMath's bits for every transcendental function, edge values included")
        void bitIdentical() throws Exception {
            KernelIR ir = KernelTranslator.lowerToStrictMath(translate("transcendentals", CheckMode.INDEX),
                    IntrinsicOp.transcendentals());
            assertFalse(statements(ir).anyMatch(s -> s instanceof Stmt.Intrinsic x && !x.op().isExact()));
            int n = 1500;
            double[][] in = inputs(n, 2026);
            double[] java = new double[n * 18];
            double[] device = new double[n * 18];
            // as Java, with StrictMath in place of Math
            for (int i = 0; i < n; i++) {
                double x = in[0][i];
                double y = in[1][i];
                double[] r = {StrictMath.sin(x), StrictMath.cos(x), StrictMath.tan(x), StrictMath.asin(x),
                    StrictMath.acos(x), StrictMath.atan(x), StrictMath.atan2(x, y), StrictMath.sinh(x), StrictMath.cosh(x),
                    StrictMath.tanh(x), StrictMath.exp(x), StrictMath.expm1(x), StrictMath.log(x), StrictMath.log10(x),
                    StrictMath.log1p(x), StrictMath.cbrt(x), StrictMath.pow(x, y), StrictMath.hypot(x, y)};
                System.arraycopy(r, 0, java, i * 18, 18);
            }
            new IrInterpreter(ir).execute(Range.of(n), List.of(in[0], in[1], device));
            List<String> wrong = new ArrayList<>();
            for (int k = 0; k < java.length; k++) {
                boolean same = Double.doubleToRawLongBits(java[k]) == Double.doubleToRawLongBits(device[k])
                        || Double.isNaN(java[k]) && Double.isNaN(device[k]);
                if (!same && wrong.size() < 10) {
                    wrong.add("function " + k % 18 + " of (" + in[0][k / 18] + ", " + in[1][k / 18] + "): " + java[k]
                            + " != " + device[k]);
                }
            }
            assertEquals(List.of(), wrong);
        }

        @Test
        @DisplayName("adds RETURN functions that cannot fail and their tables, keeps sites and verifies")
        void shape() {
            KernelIR original = translate("transcendentalsWithBarrier", CheckMode.INDEX);
            KernelIR ir = KernelTranslator.lowerToStrictMath(original, Set.of(IntrinsicOp.SIN, IntrinsicOp.LOG));
            IrVerifier.verify(ir);
            assertEquals(original.sites(), ir.sites());
            assertEquals(FailureMode.CONTINUE, ir.kernel().failureMode());
            int added = ir.deviceFunctions().size() - original.deviceFunctions().size();
            assertTrue(added > 5, "fdlibm's sin and log are several functions: " + added);
            for (IrFunction f : ir.deviceFunctions().subList(0, added)) {
                assertEquals(FailureMode.RETURN, f.failureMode(), f.name());
                assertFalse(f.mayFail(), f.name());
            }
            assertTrue(ir.constantArrays().size() > original.constantArrays().size(), "sin's argument reduction tables");
            assertTrue(ir.features().contains(IrFeature.INT64));
            assertTrue(statements(ir).anyMatch(s -> s instanceof Stmt.Intrinsic x && x.op() == IntrinsicOp.SQRT),
                    "exact intrinsics stay");
            assertTrue(statements(ir.kernel()).anyMatch(s -> s instanceof Stmt.Call c
                    && c.function().equals("StrictMath_sin")));
            assertEquals(1, ir.deviceFunctions().stream().filter(f -> f.name().startsWith("StrictMath_exp")).count(),
                    "StrictMath.exp called directly by user code is translated once");
            // the lowered calls compute StrictMath in a barrier kernel
            double[] a = new double[32];
            for (int i = 0; i < 32; i++) {
                a[i] = i * 0.37 - 5;
            }
            double[] out = new double[32];
            new IrInterpreter(ir).execute(Range.of(32, 16), List.of(a, out));
            for (int i = 0; i < 32; i++) {
                int next = (i & ~15) | ((i + 1) & 15);
                double expected = StrictMath.sin(a[next]) + Math.sqrt(Math.abs(a[next]))
                        + (StrictMath.log(Math.abs(a[i]) + 1) + StrictMath.exp(a[i] / 8));
                assertEquals(expected, out[i], "item " + i);
            }
        }

        @Test
        @DisplayName("returns the kernel itself when it uses none of the functions, and refuses exact ones")
        void edges() {
            KernelIR ir = translate("shared", CheckMode.INDEX);
            assertSame(ir, KernelTranslator.lowerToStrictMath(ir, IntrinsicOp.transcendentals()));
            KernelIR sines = translate("transcendentals", CheckMode.NONE);
            assertNotSame(sines, KernelTranslator.lowerToStrictMath(sines, Set.of(IntrinsicOp.SIN)));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> KernelTranslator.lowerToStrictMath(sines, Set.of(IntrinsicOp.SQRT)));
            assertTrue(e.getMessage().startsWith("SQRT is exact, not a transcendental function"), e.getMessage());
        }

        @Test
        @DisplayName("StrictMath's fdlibm is translated without bounds checks: its indices are in bounds by construction")
        void fdlibmUnchecked() throws Exception {
            KernelIR ir = KernelTranslator.translateAsDeviceFunction(StrictMath.class.getMethod("sin", double.class),
                    CheckMode.FULL);
            assertEquals(List.of(), ir.sites());
            assertTrue(ir.constantArrays().size() >= 4, "RemPio2's and KernelRemPio2's tables");
            assertTrue(ir.functions().stream().anyMatch(f -> !f.privateArrays().isEmpty()));
        }
    }
}
