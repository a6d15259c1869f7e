package org.jdotcompute.backend.opencl;

import static org.jdotcompute.backend.opencl.IrBuilder.global;
import static org.jdotcompute.spi.ir.Scalar.DOUBLE;
import static org.jdotcompute.spi.ir.Scalar.FLOAT;
import static org.jdotcompute.spi.ir.Scalar.INT;
import static org.jdotcompute.spi.ir.Scalar.LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import org.jdotcompute.api.CheckMode;
import org.jdotcompute.api.KernelContext;
import org.jdotcompute.backend.opencl.HandBuiltKernels.Fixture;
import org.jdotcompute.spi.BackendKernel;
import org.jdotcompute.spi.ir.BinaryOp;
import org.jdotcompute.spi.ir.Const;
import org.jdotcompute.spi.ir.FailureMode;
import org.jdotcompute.spi.ir.IntrinsicOp;
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
import org.junit.jupiter.api.Test;

/**
 * The Java-semantics helpers on the device: every operation applied to every pair of edge values
 * ({@code MIN_VALUE / -1}, {@code x / 0} unchecked, shifts by 32 and more, conversions of NaN,
 * infinities and huge values, {@code -0.0} in {@code min}/{@code max}, {@code Math.round} ties …),
 * compared bit for bit with what the JVM computes. Exact operations must match exactly; the
 * result of IEEE arithmetic on NaN may be any NaN (the JLS does not fix NaN bits); {@code Math}'s
 * transcendental functions must stay within {@link IntrinsicOp#ulpBound()} of {@code StrictMath}.
 */
@DisplayName("Java semantics on the OpenCL device")
class JavaSemanticsOnDeviceTest {
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

    static final int[] INTS = {0, 1, -1, 2, -2, 3, 7, -7, 31, 32, 33, 63, 64, 65, -32, Integer.MIN_VALUE,
        Integer.MIN_VALUE + 1, Integer.MAX_VALUE, Integer.MAX_VALUE - 1, 123_456_789, -987_654_321, 0x8000, 0xffff, 0x7f, 0x80};
    static final long[] LONGS = {0, 1, -1, 2, -2, 7, -7, 31, 32, 63, 64, 65, -64, Long.MIN_VALUE, Long.MIN_VALUE + 1,
        Long.MAX_VALUE, Long.MAX_VALUE - 1, Integer.MIN_VALUE, Integer.MAX_VALUE, 0x1_0000_0000L, 1L << 53, (1L << 53) + 1,
        -1_234_567_890_123_456_789L, 0x00ff_00ff_00ff_00ffL};
    static final float[] FLOATS = {0f, -0f, 1f, -1f, 0.5f, -0.5f, 1.5f, -1.5f, 2.5f, -2.5f, 0.49999997f, -0.49999997f,
        Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, 1e-40f, Float.MAX_VALUE, -Float.MAX_VALUE,
        Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, Float.intBitsToFloat(0x7fc00123),
        Float.intBitsToFloat(0xffc00000), 0.1f, 1f / 3f, 0x1p31f, -0x1p31f, 0x1p63f, -0x1p63f, 2.1474836E9f, 16_777_217f,
        8_388_608.5f, 1e10f, -1e10f, 3.0e38f};
    static final double[] DOUBLES = {0d, -0d, 1d, -1d, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0.49999999999999994,
        -0.49999999999999994, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, Double.longBitsToDouble(0x7ff8000000000123L),
        0.1, 1d / 3d, 2147483647.0, 2147483647.5, 2147483648.0, -2147483648.0, -2147483648.5, 0x1p63, -0x1p63, 0x1p52 + 0.5,
        4503599627370497.0, 1e300, -1e300, 1e-310, Math.PI, -Math.E, 100.25};

    /** How a case computes its result in the IR: store the result of {@code x op y} in {@code dst}. */
    interface Emit {
        void emit(IrBuilder f, IrBuilder.BlockBuilder b, Var dst, Var x, Var y);
    }

    /** What Java computes, as the raw bits of the result (sign-extended int, long, float bits, double bits). */
    interface Expect {
        long bits(int k);
    }

    /**
     * One operation.
     *
     * @param result    the result's kind
     * @param anyNaN    whether a NaN result may be any NaN (IEEE arithmetic), rather than the exact bits
     */
    record Case(String name, Scalar result, Emit emit, boolean anyNaN) {
    }

    /** A family: one input kind, its edge values as pairs, the cases, and Java's answers. */
    record Family(String name, Scalar input, int count, Object a, Object b, List<Case> cases, List<Expect> expected) {
    }

    static Emit binary(BinaryOp op) {
        return (f, b, dst, x, y) -> b.add(new Stmt.Binary(dst, op, x, y));
    }

    static Emit shiftByInt(BinaryOp op) {
        return (f, b, dst, x, y) -> {
            Var count = f.local("s_count" + dst.id(), IrType.INT);
            b.add(new Stmt.Convert(count, LONG, INT, y)).add(new Stmt.Binary(dst, op, x, count));
        };
    }

    static Emit intrinsic(IntrinsicOp op) {
        return (f, b, dst, x, y) -> {
            List<org.jdotcompute.spi.ir.Operand> args = switch (op.parameters().size()) {
                case 1 -> List.of(x);
                case 2 -> List.of(x, y);
                default -> List.of(x, y, x);
            };
            b.add(new Stmt.Intrinsic(dst, op, args));
        };
    }

    static Emit convert(Scalar from, Scalar to) {
        return (f, b, dst, x, y) -> b.add(new Stmt.Convert(dst, from, to, x));
    }

    static Emit negate() {
        return (f, b, dst, x, y) -> b.add(new Stmt.Negate(dst, x));
    }

    static Emit compare3(int nan) {
        return (f, b, dst, x, y) -> b.add(new Stmt.Compare3(dst, x, y, nan));
    }

    /** Builds the kernel {@code out[i * K + k] = bits(case_k(a[i], b[i]))}. */
    static KernelIR kernel(Family fam) {
        IrBuilder f = IrBuilder.kernel("semantics_" + fam.name(), "JavaSemantics." + fam.name());
        Var a = f.param("p_a", global(fam.input()));
        Var b = f.param("p_b", global(fam.input()));
        Var out = f.param("p_out", global(LONG));
        Var i = f.local("l_i", IrType.INT);
        Var x = f.local("l_x", IrType.of(fam.input()));
        Var y = f.local("l_y", IrType.of(fam.input()));
        Var base = f.local("l_base", IrType.INT);
        Var index = f.local("l_index", IrType.INT);
        Var bits = f.local("l_bits", IrType.LONG);
        Var intBits = f.local("l_intbits", IrType.INT);
        IrBuilder.BlockBuilder block = f.block(0);
        block.add(new Stmt.WorkItem(i, WorkItemQuery.GLOBAL_ID, 0)).add(new Stmt.Load(x, a, i)).add(new Stmt.Load(y, b, i))
                .add(new Stmt.Binary(base, BinaryOp.MUL, i, Const.ofInt(fam.cases().size())));
        for (int k = 0; k < fam.cases().size(); k++) {
            Case c = fam.cases().get(k);
            Var r = f.local("r" + k, IrType.of(c.result()));
            c.emit().emit(f, block, r, x, y);
            switch (c.result()) {
                case INT -> block.add(new Stmt.Convert(bits, INT, LONG, r));
                case LONG -> block.add(new Stmt.Assign(bits, r));
                case FLOAT -> block.add(new Stmt.Intrinsic(intBits, IntrinsicOp.FLOAT_TO_RAW_INT_BITS, List.of(r)))
                        .add(new Stmt.Convert(bits, INT, LONG, intBits));
                case DOUBLE -> block.add(new Stmt.Intrinsic(bits, IntrinsicOp.DOUBLE_TO_RAW_LONG_BITS, List.of(r)));
                default -> throw new AssertionError(c.result());
            }
            block.add(new Stmt.Binary(index, BinaryOp.ADD, base, Const.ofInt(k))).add(new Stmt.Store(out, index, bits));
        }
        block.end(new Terminator.Return(Optional.empty()));
        Set<IrFeature> features = Set.of(IrFeature.INT64, IrFeature.FP64);
        return new KernelIR("JavaSemantics." + fam.name(), f.build(FailureMode.RETURN, false), List.of(), List.of(), features,
                CheckMode.NONE);
    }

    /** A stand-in Java method for the request (the IR is what runs). */
    static void semantics(KernelContext ctx, Object a, Object b, long[] out) {
        throw new UnsupportedOperationException("the IR of JavaSemanticsOnDeviceTest runs, not this method");
    }

    long[] run(Family fam) throws Exception {
        Method stand = JavaSemanticsOnDeviceTest.class.getDeclaredMethod("semantics", KernelContext.class, Object.class,
                Object.class, long[].class);
        KernelIR ir = kernel(fam);
        Fixture fixture = new Fixture(fam.name(), stand, ir);
        var request = fixture.request();
        var types = List.<Class<?>>of(fam.a().getClass(), fam.b().getClass(), long[].class);
        request = new org.jdotcompute.spi.KernelRequest(request.kernelName(), stand, request.handle(), types, ir.checks(),
                () -> ir);
        BackendKernel k = backend.compile(request);
        long[] out = new long[fam.count() * fam.cases().size()];
        backend.launch(k, org.jdotcompute.api.Range.of(fam.count()), Arrays.asList(fam.a(), fam.b(), out));
        return out;
    }

    void check(Family fam) throws Exception {
        long[] out = run(fam);
        List<String> mismatches = new ArrayList<>();
        int cases = fam.cases().size();
        for (int i = 0; i < fam.count(); i++) {
            for (int k = 0; k < cases; k++) {
                Case c = fam.cases().get(k);
                long expected = fam.expected().get(k).bits(i);
                long actual = out[i * cases + k];
                if (!same(c, expected, actual)) {
                    mismatches.add(c.name() + "(" + describe(fam, i) + "): Java " + show(c.result(), expected) + ", device "
                            + show(c.result(), actual));
                }
            }
        }
        if (!mismatches.isEmpty()) {
            fail(mismatches.size() + " result(s) differ from Java:\n" + String.join("\n",
                    mismatches.subList(0, Math.min(40, mismatches.size()))));
        }
    }

    static boolean same(Case c, long expected, long actual) {
        if (expected == actual) {
            return true;
        }
        if (!c.anyNaN()) {
            return false;
        }
        return switch (c.result()) {
            case FLOAT -> Float.isNaN(Float.intBitsToFloat((int) expected)) && Float.isNaN(Float.intBitsToFloat((int) actual));
            case DOUBLE -> Double.isNaN(Double.longBitsToDouble(expected)) && Double.isNaN(Double.longBitsToDouble(actual));
            default -> false;
        };
    }

    static String show(Scalar kind, long bits) {
        return switch (kind) {
            case FLOAT -> Float.intBitsToFloat((int) bits) + " (0x" + Integer.toHexString((int) bits) + ")";
            case DOUBLE -> Double.longBitsToDouble(bits) + " (0x" + Long.toHexString(bits) + ")";
            default -> Long.toString(bits);
        };
    }

    static String describe(Family fam, int i) {
        return switch (fam.a()) {
            case int[] a -> a[i] + ", " + ((int[]) fam.b())[i];
            case long[] a -> a[i] + ", " + ((long[]) fam.b())[i];
            case float[] a -> a[i] + ", " + ((float[]) fam.b())[i];
            case double[] a -> a[i] + ", " + ((double[]) fam.b())[i];
            default -> "?";
        };
    }

    // ---------------------------------------------------------------------------------------------
    // The families

    interface IntOp {
        long apply(int x, int y);
    }

    @Test
    @DisplayName("int arithmetic wraps, divides like Java (MIN / -1, x / 0 unchecked = 0), masks shifts and converts")
    void ints() throws Exception {
        int n = INTS.length * INTS.length;
        int[] a = new int[n];
        int[] b = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = INTS[i / INTS.length];
            b[i] = INTS[i % INTS.length];
        }
        List<Case> cases = new ArrayList<>();
        List<Expect> expected = new ArrayList<>();
        record C(String name, Scalar result, Emit emit, IntOp op) {
        }
        List<C> all = List.of(
                new C("add", INT, binary(BinaryOp.ADD), (x, y) -> x + y),
                new C("sub", INT, binary(BinaryOp.SUB), (x, y) -> x - y),
                new C("mul", INT, binary(BinaryOp.MUL), (x, y) -> x * y),
                new C("div", INT, binary(BinaryOp.DIV), (x, y) -> y == 0 ? 0 : x / y),
                new C("rem", INT, binary(BinaryOp.REM), (x, y) -> y == 0 ? 0 : x % y),
                new C("and", INT, binary(BinaryOp.AND), (x, y) -> x & y),
                new C("or", INT, binary(BinaryOp.OR), (x, y) -> x | y),
                new C("xor", INT, binary(BinaryOp.XOR), (x, y) -> x ^ y),
                new C("shl", INT, binary(BinaryOp.SHL), (x, y) -> x << y),
                new C("shr", INT, binary(BinaryOp.SHR), (x, y) -> x >> y),
                new C("ushr", INT, binary(BinaryOp.USHR), (x, y) -> x >>> y),
                new C("neg", INT, negate(), (x, y) -> -x),
                new C("Math.min", INT, intrinsic(IntrinsicOp.MIN_I), (x, y) -> Math.min(x, y)),
                new C("Math.max", INT, intrinsic(IntrinsicOp.MAX_I), (x, y) -> Math.max(x, y)),
                new C("Math.abs", INT, intrinsic(IntrinsicOp.ABS_I), (x, y) -> Math.abs(x)),
                new C("Integer.bitCount", INT, intrinsic(IntrinsicOp.BIT_COUNT_I), (x, y) -> Integer.bitCount(x)),
                new C("Integer.numberOfLeadingZeros", INT, intrinsic(IntrinsicOp.LEADING_ZEROS_I),
                        (x, y) -> Integer.numberOfLeadingZeros(x)),
                new C("Integer.numberOfTrailingZeros", INT, intrinsic(IntrinsicOp.TRAILING_ZEROS_I),
                        (x, y) -> Integer.numberOfTrailingZeros(x)),
                new C("i2b", INT, convert(INT, Scalar.BYTE), (x, y) -> (byte) x),
                new C("i2c", INT, convert(INT, Scalar.CHAR), (x, y) -> (char) x),
                new C("i2s", INT, convert(INT, Scalar.SHORT), (x, y) -> (short) x),
                new C("i2l", LONG, convert(INT, LONG), (x, y) -> (long) x),
                new C("i2f", FLOAT, convert(INT, FLOAT), (x, y) -> Float.floatToRawIntBits((float) x)),
                new C("i2d", DOUBLE, convert(INT, DOUBLE), (x, y) -> Double.doubleToRawLongBits((double) x)),
                new C("Float.intBitsToFloat", FLOAT, intrinsic(IntrinsicOp.INT_BITS_TO_FLOAT), (x, y) -> x));
        for (C c : all) {
            cases.add(new Case(c.name(), c.result(), c.emit(), false));
            expected.add(i -> c.op().apply(a[i], b[i]));
        }
        check(new Family("ints", INT, n, a, b, cases, expected));
    }

    interface LongOp {
        long apply(long x, long y);
    }

    @Test
    @DisplayName("long arithmetic wraps, divides like Java, masks shifts to 6 bits and converts")
    void longs() throws Exception {
        int n = LONGS.length * LONGS.length;
        long[] a = new long[n];
        long[] b = new long[n];
        for (int i = 0; i < n; i++) {
            a[i] = LONGS[i / LONGS.length];
            b[i] = LONGS[i % LONGS.length];
        }
        record C(String name, Scalar result, Emit emit, LongOp op) {
        }
        List<C> all = List.of(
                new C("ladd", LONG, binary(BinaryOp.ADD), (x, y) -> x + y),
                new C("lsub", LONG, binary(BinaryOp.SUB), (x, y) -> x - y),
                new C("lmul", LONG, binary(BinaryOp.MUL), (x, y) -> x * y),
                new C("ldiv", LONG, binary(BinaryOp.DIV), (x, y) -> y == 0 ? 0 : x / y),
                new C("lrem", LONG, binary(BinaryOp.REM), (x, y) -> y == 0 ? 0 : x % y),
                new C("land", LONG, binary(BinaryOp.AND), (x, y) -> x & y),
                new C("lor", LONG, binary(BinaryOp.OR), (x, y) -> x | y),
                new C("lxor", LONG, binary(BinaryOp.XOR), (x, y) -> x ^ y),
                new C("lshl", LONG, shiftByInt(BinaryOp.SHL), (x, y) -> x << (int) y),
                new C("lshr", LONG, shiftByInt(BinaryOp.SHR), (x, y) -> x >> (int) y),
                new C("lushr", LONG, shiftByInt(BinaryOp.USHR), (x, y) -> x >>> (int) y),
                new C("lneg", LONG, negate(), (x, y) -> -x),
                new C("lcmp", INT, compare3(-1), (x, y) -> Long.compare(x, y)),
                new C("Math.min", LONG, intrinsic(IntrinsicOp.MIN_L), (x, y) -> Math.min(x, y)),
                new C("Math.max", LONG, intrinsic(IntrinsicOp.MAX_L), (x, y) -> Math.max(x, y)),
                new C("Math.abs", LONG, intrinsic(IntrinsicOp.ABS_L), (x, y) -> Math.abs(x)),
                new C("Long.bitCount", INT, intrinsic(IntrinsicOp.BIT_COUNT_L), (x, y) -> Long.bitCount(x)),
                new C("Long.numberOfLeadingZeros", INT, intrinsic(IntrinsicOp.LEADING_ZEROS_L),
                        (x, y) -> Long.numberOfLeadingZeros(x)),
                new C("Long.numberOfTrailingZeros", INT, intrinsic(IntrinsicOp.TRAILING_ZEROS_L),
                        (x, y) -> Long.numberOfTrailingZeros(x)),
                new C("l2i", INT, convert(LONG, INT), (x, y) -> (int) x),
                new C("l2f", FLOAT, convert(LONG, FLOAT), (x, y) -> Float.floatToRawIntBits((float) x)),
                new C("l2d", DOUBLE, convert(LONG, DOUBLE), (x, y) -> Double.doubleToRawLongBits((double) x)),
                new C("Double.longBitsToDouble", DOUBLE, intrinsic(IntrinsicOp.LONG_BITS_TO_DOUBLE), (x, y) -> x));
        List<Case> cases = new ArrayList<>();
        List<Expect> expected = new ArrayList<>();
        for (C c : all) {
            cases.add(new Case(c.name(), c.result(), c.emit(), false));
            expected.add(i -> c.op().apply(a[i], b[i]));
        }
        check(new Family("longs", LONG, n, a, b, cases, expected));
    }

    interface FloatOp {
        long apply(float x, float y);
    }

    static long fb(float f) {
        return Float.floatToRawIntBits(f);
    }

    static long db(double d) {
        return Double.doubleToRawLongBits(d);
    }

    @Test
    @DisplayName("float arithmetic is IEEE without contraction; conversions saturate; min, max, round, signum are Java's")
    void floats() throws Exception {
        int n = FLOATS.length * FLOATS.length;
        float[] a = new float[n];
        float[] b = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = FLOATS[i / FLOATS.length];
            b[i] = FLOATS[i % FLOATS.length];
        }
        record C(String name, Scalar result, Emit emit, boolean anyNaN, FloatOp op) {
        }
        List<C> all = List.of(
                new C("fadd", FLOAT, binary(BinaryOp.ADD), true, (x, y) -> fb(x + y)),
                new C("fsub", FLOAT, binary(BinaryOp.SUB), true, (x, y) -> fb(x - y)),
                new C("fmul", FLOAT, binary(BinaryOp.MUL), true, (x, y) -> fb(x * y)),
                new C("fdiv", FLOAT, binary(BinaryOp.DIV), true, (x, y) -> fb(x / y)),
                new C("frem", FLOAT, binary(BinaryOp.REM), true, (x, y) -> fb(x % y)),
                new C("fneg", FLOAT, negate(), true, (x, y) -> fb(-x)),
                new C("fcmpl", INT, compare3(-1), false, (x, y) -> x < y ? -1 : x == y ? 0 : x > y ? 1 : -1),
                new C("fcmpg", INT, compare3(1), false, (x, y) -> x < y ? -1 : x == y ? 0 : x > y ? 1 : 1),
                new C("f2i", INT, convert(FLOAT, INT), false, (x, y) -> (int) x),
                new C("f2l", LONG, convert(FLOAT, LONG), false, (x, y) -> (long) x),
                new C("f2d", DOUBLE, convert(FLOAT, DOUBLE), true, (x, y) -> db(x)),
                new C("Math.min", FLOAT, intrinsic(IntrinsicOp.MIN_F), false, (x, y) -> fb(Math.min(x, y))),
                new C("Math.max", FLOAT, intrinsic(IntrinsicOp.MAX_F), false, (x, y) -> fb(Math.max(x, y))),
                new C("Math.abs", FLOAT, intrinsic(IntrinsicOp.ABS_F), false, (x, y) -> fb(Math.abs(x))),
                new C("Math.copySign", FLOAT, intrinsic(IntrinsicOp.COPY_SIGN_F), false, (x, y) -> fb(Math.copySign(x, y))),
                new C("Math.signum", FLOAT, intrinsic(IntrinsicOp.SIGNUM_F), false, (x, y) -> fb(Math.signum(x))),
                new C("Math.round", INT, intrinsic(IntrinsicOp.ROUND_F), false, (x, y) -> Math.round(x)),
                new C("Math.fma", FLOAT, intrinsic(IntrinsicOp.FMA_F), true, (x, y) -> fb(Math.fma(x, y, x))),
                new C("Float.floatToIntBits", INT, intrinsic(IntrinsicOp.FLOAT_TO_INT_BITS), false,
                        (x, y) -> Float.floatToIntBits(x)),
                new C("Float.floatToRawIntBits", INT, intrinsic(IntrinsicOp.FLOAT_TO_RAW_INT_BITS), false,
                        (x, y) -> Float.floatToRawIntBits(x)),
                new C("Float.isNaN", INT, intrinsic(IntrinsicOp.IS_NAN_F), false, (x, y) -> Float.isNaN(x) ? 1 : 0),
                new C("Float.isInfinite", INT, intrinsic(IntrinsicOp.IS_INFINITE_F), false,
                        (x, y) -> Float.isInfinite(x) ? 1 : 0));
        List<Case> cases = new ArrayList<>();
        List<Expect> expected = new ArrayList<>();
        for (C c : all) {
            cases.add(new Case(c.name(), c.result(), c.emit(), c.anyNaN()));
            expected.add(i -> c.op().apply(a[i], b[i]));
        }
        check(new Family("floats", FLOAT, n, a, b, cases, expected));
    }

    interface DoubleOp {
        long apply(double x, double y);
    }

    @Test
    @DisplayName("double arithmetic, sqrt, floor, ceil, rint, round and conversions are exactly Java's")
    void doubles() throws Exception {
        int n = DOUBLES.length * DOUBLES.length;
        double[] a = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = DOUBLES[i / DOUBLES.length];
            b[i] = DOUBLES[i % DOUBLES.length];
        }
        record C(String name, Scalar result, Emit emit, boolean anyNaN, DoubleOp op) {
        }
        List<C> all = List.of(
                new C("dadd", DOUBLE, binary(BinaryOp.ADD), true, (x, y) -> db(x + y)),
                new C("dsub", DOUBLE, binary(BinaryOp.SUB), true, (x, y) -> db(x - y)),
                new C("dmul", DOUBLE, binary(BinaryOp.MUL), true, (x, y) -> db(x * y)),
                new C("ddiv", DOUBLE, binary(BinaryOp.DIV), true, (x, y) -> db(x / y)),
                new C("drem", DOUBLE, binary(BinaryOp.REM), true, (x, y) -> db(x % y)),
                new C("dneg", DOUBLE, negate(), true, (x, y) -> db(-x)),
                new C("dcmpl", INT, compare3(-1), false, (x, y) -> x < y ? -1 : x == y ? 0 : x > y ? 1 : -1),
                new C("dcmpg", INT, compare3(1), false, (x, y) -> x < y ? -1 : x == y ? 0 : x > y ? 1 : 1),
                new C("d2i", INT, convert(DOUBLE, INT), false, (x, y) -> (int) x),
                new C("d2l", LONG, convert(DOUBLE, LONG), false, (x, y) -> (long) x),
                new C("d2f", FLOAT, convert(DOUBLE, FLOAT), true, (x, y) -> fb((float) x)),
                new C("Math.sqrt", DOUBLE, intrinsic(IntrinsicOp.SQRT), true, (x, y) -> db(Math.sqrt(x))),
                new C("Math.floor", DOUBLE, intrinsic(IntrinsicOp.FLOOR), true, (x, y) -> db(Math.floor(x))),
                new C("Math.ceil", DOUBLE, intrinsic(IntrinsicOp.CEIL), true, (x, y) -> db(Math.ceil(x))),
                new C("Math.rint", DOUBLE, intrinsic(IntrinsicOp.RINT), true, (x, y) -> db(Math.rint(x))),
                new C("Math.round", LONG, intrinsic(IntrinsicOp.ROUND_D), false, (x, y) -> Math.round(x)),
                new C("Math.min", DOUBLE, intrinsic(IntrinsicOp.MIN_D), false, (x, y) -> db(Math.min(x, y))),
                new C("Math.max", DOUBLE, intrinsic(IntrinsicOp.MAX_D), false, (x, y) -> db(Math.max(x, y))),
                new C("Math.abs", DOUBLE, intrinsic(IntrinsicOp.ABS_D), false, (x, y) -> db(Math.abs(x))),
                new C("Math.copySign", DOUBLE, intrinsic(IntrinsicOp.COPY_SIGN_D), false, (x, y) -> db(Math.copySign(x, y))),
                new C("Math.signum", DOUBLE, intrinsic(IntrinsicOp.SIGNUM_D), false, (x, y) -> db(Math.signum(x))),
                new C("Math.fma", DOUBLE, intrinsic(IntrinsicOp.FMA_D), true, (x, y) -> db(Math.fma(x, y, x))),
                new C("Math.pow special cases", DOUBLE, intrinsic(IntrinsicOp.POW), true,
                        (x, y) -> db(StrictMath.pow(x, y))),
                new C("Double.doubleToLongBits", LONG, intrinsic(IntrinsicOp.DOUBLE_TO_LONG_BITS), false,
                        (x, y) -> Double.doubleToLongBits(x)),
                new C("Double.isNaN", INT, intrinsic(IntrinsicOp.IS_NAN_D), false, (x, y) -> Double.isNaN(x) ? 1 : 0),
                new C("Double.isInfinite", INT, intrinsic(IntrinsicOp.IS_INFINITE_D), false,
                        (x, y) -> Double.isInfinite(x) ? 1 : 0));
        List<Case> cases = new ArrayList<>();
        List<Expect> expected = new ArrayList<>();
        long[] out = null;
        for (C c : all) {
            cases.add(new Case(c.name(), c.result(), c.emit(), c.anyNaN()));
            expected.add(i -> c.op().apply(a[i], b[i]));
        }
        Family fam = new Family("doubles", DOUBLE, n, a, b, cases, expected);
        // pow is a transcendental: exact only where Java defines a special value; elsewhere within its ULP bound.
        out = run(fam);
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < cases.size(); k++) {
                Case c = cases.get(k);
                long want = expected.get(k).bits(i);
                long got = out[i * cases.size() + k];
                boolean ok = same(c, want, got) || c.name().startsWith("Math.pow")
                        && withinUlps(Double.longBitsToDouble(want), Double.longBitsToDouble(got), IntrinsicOp.POW.ulpBound());
                if (!ok) {
                    mismatches.add(c.name() + "(" + a[i] + ", " + b[i] + "): Java " + show(c.result(), want) + ", device "
                            + show(c.result(), got));
                }
            }
        }
        if (!mismatches.isEmpty()) {
            fail(mismatches.size() + " result(s) differ from Java:\n"
                    + String.join("\n", mismatches.subList(0, Math.min(40, mismatches.size()))));
        }
    }

    /** Whether {@code actual} is within {@code ulps} of {@code expected}; special values must match exactly. */
    static boolean withinUlps(double expected, double actual, int ulps) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            return Double.isNaN(expected) && Double.isNaN(actual);
        }
        if (Double.isInfinite(expected) || expected == 0 || Double.isInfinite(actual)) {
            return Double.doubleToRawLongBits(expected) == Double.doubleToRawLongBits(actual);
        }
        return Math.abs(ordered(expected) - ordered(actual)) <= ulps;
    }

    private static long ordered(double d) {
        long bits = Double.doubleToRawLongBits(d);
        return bits < 0 ? Long.MIN_VALUE - bits : bits;
    }

    @Test
    @DisplayName("Math's transcendental functions stay within their ULP bounds of StrictMath")
    void transcendentals() throws Exception {
        Random r = new Random(42);
        int n = 4096;
        double[] a = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            if (i < DOUBLES.length) {
                a[i] = DOUBLES[i];
                b[i] = DOUBLES[(i * 7) % DOUBLES.length];
            } else {
                double scale = Math.pow(10, r.nextInt(9) - 4);
                a[i] = (r.nextDouble() * 2 - 1) * scale;
                b[i] = (r.nextDouble() * 2 - 1) * scale * 4;
            }
        }
        List<IntrinsicOp> ops = List.of(IntrinsicOp.SIN, IntrinsicOp.COS, IntrinsicOp.TAN, IntrinsicOp.ASIN,
                IntrinsicOp.ACOS, IntrinsicOp.ATAN, IntrinsicOp.ATAN2, IntrinsicOp.SINH, IntrinsicOp.COSH, IntrinsicOp.TANH,
                IntrinsicOp.EXP, IntrinsicOp.EXPM1, IntrinsicOp.LOG, IntrinsicOp.LOG10, IntrinsicOp.LOG1P, IntrinsicOp.CBRT,
                IntrinsicOp.POW, IntrinsicOp.HYPOT);
        List<Case> cases = new ArrayList<>();
        for (IntrinsicOp op : ops) {
            cases.add(new Case(op.name(), DOUBLE, intrinsic(op), true));
        }
        List<Expect> none = ops.stream().<Expect>map(op -> i -> 0).toList();
        long[] out = run(new Family("transcendentals", DOUBLE, n, a, b, cases, none));
        List<String> mismatches = new ArrayList<>();
        int worst = 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < ops.size(); k++) {
                IntrinsicOp op = ops.get(k);
                double want = strict(op, a[i], b[i]);
                double got = Double.longBitsToDouble(out[i * ops.size() + k]);
                if (!withinUlps(want, got, op.ulpBound())) {
                    mismatches.add(op + "(" + a[i] + ", " + b[i] + "): StrictMath " + want + ", device " + got);
                } else if (!Double.isNaN(want) && !Double.isInfinite(want) && want != 0) {
                    worst = (int) Math.max(worst, Math.abs(ordered(want) - ordered(got)));
                }
            }
        }
        if (!mismatches.isEmpty()) {
            fail(mismatches.size() + " result(s) outside the ULP bound:\n"
                    + String.join("\n", mismatches.subList(0, Math.min(40, mismatches.size()))));
        }
        assertTrue(worst <= 3, "the worst error found is " + worst + " ULPs");
    }

    static double strict(IntrinsicOp op, double x, double y) {
        return switch (op) {
            case SIN -> StrictMath.sin(x);
            case COS -> StrictMath.cos(x);
            case TAN -> StrictMath.tan(x);
            case ASIN -> StrictMath.asin(x);
            case ACOS -> StrictMath.acos(x);
            case ATAN -> StrictMath.atan(x);
            case ATAN2 -> StrictMath.atan2(x, y);
            case SINH -> StrictMath.sinh(x);
            case COSH -> StrictMath.cosh(x);
            case TANH -> StrictMath.tanh(x);
            case EXP -> StrictMath.exp(x);
            case EXPM1 -> StrictMath.expm1(x);
            case LOG -> StrictMath.log(x);
            case LOG10 -> StrictMath.log10(x);
            case LOG1P -> StrictMath.log1p(x);
            case CBRT -> StrictMath.cbrt(x);
            case POW -> StrictMath.pow(x, y);
            case HYPOT -> StrictMath.hypot(x, y);
            default -> throw new AssertionError(op);
        };
    }

    @Test
    @DisplayName("a float division is correctly rounded even when done through double precision")
    void floatDivisionViaDouble() {
        IrBuilder f = IrBuilder.kernel("fdiv", "JavaSemantics.fdiv");
        Var a = f.param("p_a", global(FLOAT));
        Var b = f.param("p_b", global(FLOAT));
        Var out = f.param("p_out", global(LONG));
        Var i = f.local("l_i", IrType.INT);
        Var x = f.local("l_x", IrType.FLOAT);
        Var y = f.local("l_y", IrType.FLOAT);
        Var bits = f.local("l_bits", IrType.INT);
        Var wide = f.local("l_wide", IrType.LONG);
        f.block(0).add(new Stmt.WorkItem(i, WorkItemQuery.GLOBAL_ID, 0)).add(new Stmt.Load(x, a, i)).add(new Stmt.Load(y, b, i))
                .add(new Stmt.Binary(x, BinaryOp.DIV, x, y))
                .add(new Stmt.Intrinsic(bits, IntrinsicOp.FLOAT_TO_RAW_INT_BITS, List.of(x)))
                .add(new Stmt.Convert(wide, INT, LONG, bits)).add(new Stmt.Store(out, i, wide))
                .end(new Terminator.Return(Optional.empty()));
        KernelIR ir = new KernelIR("JavaSemantics.fdiv", f.build(FailureMode.RETURN, false), List.of(), List.of(),
                Set.of(IrFeature.INT64), CheckMode.NONE);
        String source = new OpenClEmitter(new OpenClEmitter.Options(OpenClEmitter.FloatDivision.VIA_DOUBLE, true)).emit(ir)
                .source();
        assertTrue(source.contains("l_x = (float)((double)l_x / (double)l_y);"), source);
        assertTrue(source.contains("#pragma OPENCL EXTENSION cl_khr_fp64 : enable"), source);
        Random r = new Random(3);
        int n = 20_000;
        float[] xs = new float[n];
        float[] ys = new float[n];
        for (int k = 0; k < n; k++) {
            xs[k] = Float.intBitsToFloat(r.nextInt());
            ys[k] = Float.intBitsToFloat(r.nextInt());
        }
        var kernel = backend.compileSource(org.jdotcompute.api.SourceKernel.of("fdiv", source, float[].class, int.class,
                float[].class, int.class, long[].class, int.class, byte[].class));
        long[] results = new long[n];
        byte[] record = new byte[org.jdotcompute.spi.device.ErrorRecord.BYTES];
        backend.launch(kernel, org.jdotcompute.api.Range.of(n), Arrays.asList(xs, n, ys, n, results, n, record));
        for (int k = 0; k < n; k++) {
            float want = xs[k] / ys[k];
            float got = Float.intBitsToFloat((int) results[k]);
            if (!(Float.isNaN(want) && Float.isNaN(got))) {
                assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(got), xs[k] + " / " + ys[k]);
            }
        }
    }
}
