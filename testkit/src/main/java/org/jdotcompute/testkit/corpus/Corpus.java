package org.jdotcompute.testkit.corpus;

import static org.jdotcompute.testkit.corpus.Inputs.booleans;
import static org.jdotcompute.testkit.corpus.Inputs.bytes;
import static org.jdotcompute.testkit.corpus.Inputs.chars;
import static org.jdotcompute.testkit.corpus.Inputs.doubles;
import static org.jdotcompute.testkit.corpus.Inputs.floats;
import static org.jdotcompute.testkit.corpus.Inputs.ints;
import static org.jdotcompute.testkit.corpus.Inputs.longs;
import static org.jdotcompute.testkit.corpus.Inputs.shorts;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import org.jdotcompute.api.CheckMode;
import org.jdotcompute.api.Range;
import org.jdotcompute.api.exceptions.ComputeException;

/**
 * The list of corpus kernels. Every kernel runs on 16 to 1024 work-items so that a software
 * reference finishes in milliseconds. Thread-safe (immutable).
 */
public final class Corpus {
    /** The work-items of most 1-D kernels. */
    public static final int N = 64;
    private static final String FAILURES = "FailureKernels.java";
    private static final List<CorpusKernel> ALL = build();

    private Corpus() {
    }

    /** Every corpus kernel, in a stable order; names are unique. */
    public static List<CorpusKernel> all() {
        return ALL;
    }

    /** The kernel named {@code name}. */
    public static CorpusKernel byName(String name) {
        return ALL.stream().filter(k -> k.name().equals(name)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("no corpus kernel is named '" + name + "'"));
    }

    /** The kernels that fail. */
    public static List<CorpusKernel> failing() {
        return ALL.stream().filter(k -> k.failure().isPresent()).toList();
    }

    private static List<Object> args(Object... values) {
        return List.of(values);
    }

    private static int[] with(int[] a, int index, int value) {
        a[index] = value;
        return a;
    }

    private static long[] with(long[] a, int index, long value) {
        a[index] = value;
        return a;
    }

    private static int[] nonZero(RandomGenerator r, int n) {
        int[] a = ints(r, n);
        for (int i = 0; i < n; i++) {
            if (a[i] == 0) {
                a[i] = 3;
            }
        }
        return a;
    }

    private static long[] nonZeroLongs(RandomGenerator r, int n) {
        long[] a = longs(r, n);
        for (int i = 0; i < n; i++) {
            if (a[i] == 0) {
                a[i] = 3;
            }
        }
        return a;
    }

    private static List<CorpusKernel> build() {
        List<CorpusKernel> k = new ArrayList<>();
        Range n = Range.of(N);
        Class<?> ar = ArithmeticKernels.class;
        k.add(CorpusKernel.of("arithmetic.intOps", ar, "intOps", n, r -> {
            int[] a = ints(r, N);
            int[] b = ints(r, N);
            a[0] = Integer.MIN_VALUE;
            b[0] = -1;
            a[1] = -7;
            b[1] = 2;
            return args(a, b, new int[N * 12]);
        }, 2));
        k.add(CorpusKernel.of("arithmetic.intShifts", ar, "intShifts", n,
                r -> args(ints(r, N), ints(r, N, -70, 70), new int[N * 4]), 2));
        k.add(CorpusKernel.of("arithmetic.longOps", ar, "longOps", n, r -> {
            long[] a = longs(r, N);
            long[] b = longs(r, N);
            a[0] = Long.MIN_VALUE;
            b[0] = -1;
            return args(a, b, ints(r, N, -130, 130), new long[N * 12]);
        }, 3));
        k.add(CorpusKernel.of("arithmetic.floatOps", ar, "floatOps", n,
                r -> args(floats(r, N), floats(r, N), new float[N * 7], new int[N]), 2, 3));
        k.add(CorpusKernel.of("arithmetic.doubleOps", ar, "doubleOps", n,
                r -> args(doubles(r, N), doubles(r, N), new double[N * 7], new int[N]), 2, 3));
        k.add(CorpusKernel.of("arithmetic.subInt", ar, "subInt", n,
                r -> args(booleans(r, N), bytes(r, N), shorts(r, N), chars(r, N), new int[N * 5]), 0, 1, 2, 3, 4));

        Class<?> cv = ConversionKernels.class;
        k.add(CorpusKernel.of("conversion.fromInt", cv, "fromInt", n, r -> args(ints(r, N), new long[N], new float[N],
                new double[N], new byte[N], new char[N], new short[N]), 1, 2, 3, 4, 5, 6));
        k.add(CorpusKernel.of("conversion.fromLong", cv, "fromLong", n,
                r -> args(longs(r, N), new int[N], new float[N], new double[N]), 1, 2, 3));
        k.add(CorpusKernel.of("conversion.fromFloat", cv, "fromFloat", n,
                r -> args(floats(r, N), new int[N], new long[N], new double[N], new short[N]), 1, 2, 3, 4));
        k.add(CorpusKernel.of("conversion.fromDouble", cv, "fromDouble", n,
                r -> args(doubles(r, N), new int[N], new long[N], new float[N], new byte[N]), 1, 2, 3, 4));
        k.add(CorpusKernel.of("conversion.subIntCasts", cv, "subIntCasts", n, r -> args(ints(r, N), new int[N * 4]), 1));

        Class<?> cf = ControlFlowKernels.class;
        k.add(CorpusKernel.of("control.loops", cf, "loops", n, r -> args(ints(r, N, 0, 60), new long[N]), 1));
        k.add(CorpusKernel.of("control.tableSwitch", cf, "tableSwitch", n, r -> args(ints(r, N, -2, 10), new int[N]), 1));
        k.add(CorpusKernel.of("control.lookupSwitch", cf, "lookupSwitch", n, r -> {
            int[] keys = ints(r, N);
            int[] special = {-1000000, -3, 17, 1000, 65536, Integer.MAX_VALUE, Integer.MIN_VALUE};
            for (int i = 0; i < N; i += 3) {
                keys[i] = special[r.nextInt(special.length)];
            }
            return args(keys, new int[N]);
        }, 1));
        k.add(CorpusKernel.of("control.conditionals", cf, "conditionals", n,
                r -> args(floats(r, N), ints(r, N), new float[N]), 2));
        k.add(CorpusKernel.of("control.nestedCalls", cf, "nestedCalls", n,
                r -> args(floats(r, N, -2f, 2f), ints(r, N), new float[N], new int[N * 4]), 2, 3));

        Class<?> ma = MathKernels.class;
        k.add(CorpusKernel.of("math.exactDouble", ma, "exactDouble", n, r -> args(doubles(r, N), doubles(r, N),
                doubles(r, N), new double[N * 12], new long[N * 3], new int[N * 5]), 3, 4, 5));
        k.add(CorpusKernel.of("math.exactFloat", ma, "exactFloat", n, r -> args(floats(r, N), floats(r, N),
                floats(r, N), new float[N * 8], new int[N * 9]), 3, 4));
        k.add(CorpusKernel.of("math.transcendental", ma, "transcendental", n, r -> {
            double[] a = doubles(r, N, -20, 20);
            double[] b = doubles(r, N, 0, 50);
            a[0] = Double.NaN;
            b[1] = Double.POSITIVE_INFINITY;
            a[2] = -0.0;
            b[3] = 0.0;
            return args(a, b, new double[N * 18]);
        }, 2).withUlpBound(4));
        k.add(CorpusKernel.of("math.transcendentalFloat", ma, "transcendentalFloat", n,
                r -> args(floats(r, N, -30f, 30f), new float[N * 6]), 1).withUlpBound(1));
        k.add(CorpusKernel.of("math.transcendentalEdges", ma, "transcendental", n, r -> {
            double[] hard = {1e300, -1e300, 1e22, -0x1p1023, 6.0e6 * Math.PI, Math.PI / 2, -Math.PI, 0x1p-1022,
                -Double.MIN_VALUE, 1e-310, 0x1p-28, 709.78, -745.13, 22.0, -20.0, 1.0 - 0x1p-53, Double.NaN,
                Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, -0.0, 0.0, 1.0, -1.0, 2.0, 0.5};
            double[] a = new double[N];
            double[] b = new double[N];
            for (int i = 0; i < N; i++) {
                a[i] = i < hard.length ? hard[i] : Double.longBitsToDouble(r.nextLong());
                b[i] = i % 3 == 0 ? hard[r.nextInt(hard.length)] : r.nextDouble(-1e3, 1e3);
            }
            return args(a, b, new double[N * 18]);
        }, 2).withUlpBound(4));

        Class<?> me = MemoryKernels.class;
        int groups = 4;
        k.add(CorpusKernel.of("memory.reduce", me, "reduce", Range.of(MemoryKernels.GROUP * groups, MemoryKernels.GROUP),
                r -> args(floats(r, MemoryKernels.GROUP * groups, -10f, 10f), new float[groups]), 1));
        int m = 32;
        k.add(CorpusKernel.of("memory.tiledMatmul", me, "tiledMatmul",
                Range.of2d(m, m).withLocal(MemoryKernels.TILE, MemoryKernels.TILE),
                r -> args(floats(r, m * m, -1f, 1f), floats(r, m * m, -1f, 1f), new float[m * m], m), 2));
        k.add(CorpusKernel.of("memory.histogram", me, "histogram", Range.of(256),
                r -> args(ints(r, 256), new int[10]), 1));
        k.add(CorpusKernel.of("memory.localHistogram", me, "localHistogram", Range.of(256, 64),
                r -> args(ints(r, 256), new int[16]), 1));
        k.add(CorpusKernel.of("memory.atomics", me, "atomics", n, r -> args(ints(r, N),
                new int[] {Integer.MAX_VALUE, Integer.MIN_VALUE}, new long[] {0, Long.MAX_VALUE, Long.MIN_VALUE},
                new float[4], new int[8], new long[8]), 1, 2, 3, 4, 5));
        k.add(CorpusKernel.of("memory.ids2d", me, "ids2d", Range.of2d(16, 8).withLocal(4, 2),
                r -> args(new int[16 * 8 * 7]), 0));
        k.add(CorpusKernel.of("memory.stencil2d", me, "stencil2d", Range.of2d(24, 12),
                r -> args(floats(r, 24 * 12, -5f, 5f), new float[24 * 12]), 1));
        k.add(CorpusKernel.of("memory.ids3d", me, "ids3d", Range.of3d(4, 6, 4).withLocal(2, 3, 2),
                r -> args(new int[4 * 6 * 4 * 4]), 0));
        k.add(CorpusKernel.of("memory.localKinds", me, "localKinds", Range.of(128, 32),
                r -> args(doubles(r, 128), longs(r, 128), shorts(r, 128), bytes(r, 128)), 0, 1, 2, 3));
        k.add(CorpusKernel.of("memory.tileSums", me, "tileSums", Range.of(64, 16),
                r -> args(floats(r, 64, -4f, 4f), new float[64]), 1));
        k.add(CorpusKernel.of("memory.barrierInDeviceFunction", me, "barrierInDeviceFunction", Range.of(64, 32),
                r -> args(ints(r, 64), new int[64]), 1));
        k.add(CorpusKernel.of("memory.localStartsZeroed", me, "localStartsZeroed", Range.of(128, 32),
                r -> args(new int[128], new double[128]), 0, 1));

        Class<?> tk = TableKernels.class;
        k.add(CorpusKernel.of("tables.lookup", tk, "lookup", n,
                r -> args(ints(r, N), floats(r, N, -100f, 100f), new int[N * 4], new float[N * 2]), 2, 3));
        k.add(CorpusKernel.of("tables.mix", tk, "mix", n,
                r -> args(longs(r, N), doubles(r, N, -1, 1), new long[N], new double[N]), 2, 3));
        k.add(CorpusKernel.of("tables.privateArrays", tk, "privateArrays", n,
                r -> args(ints(r, N), new int[N * 2], new int[N * 3]), 1, 2));

        failures(k);
        return List.copyOf(k);
    }

    private static void failures(List<CorpusKernel> k) {
        Class<?> fk = FailureKernels.class;
        Range n = Range.of(N);
        k.add(CorpusKernel.of("failure.boundsRead", fk, "boundsRead", n, r -> args(floats(r, N), new float[N]), 1)
                .withFailure(ExpectedFailure.single(ArrayIndexOutOfBoundsException.class,
                        "Index 64 out of bounds for length 64", FAILURES, 19, 63)));
        k.add(CorpusKernel.of("failure.boundsWriteNegative", fk, "boundsWriteNegative", Range.of(32),
                r -> args(new int[32]), 0).withFailure(ExpectedFailure.single(ArrayIndexOutOfBoundsException.class,
                        "Index -1 out of bounds for length 32", FAILURES, 24, 0)));
        k.add(CorpusKernel.of("failure.boundsSeveral", fk, "boundsSeveral", Range.of(32), r -> {
            int[] index = ints(r, 32, 0, 32);
            index[3] = 999;
            index[17] = 999;
            index[30] = 999;
            return args(index, new int[32]);
        }).withFailure(ExpectedFailure.several(ArrayIndexOutOfBoundsException.class,
                "Index 999 out of bounds for length 32", FAILURES, 29, 3)));
        k.add(CorpusKernel.of("failure.divideByZero", fk, "divideByZero", n,
                r -> args(ints(r, N), with(nonZero(r, N), 5, 0), new int[N]), 2).withChecks(CheckMode.FULL)
                .withFailure(ExpectedFailure.single(ArithmeticException.class, "/ by zero", FAILURES, 34, 5)));
        k.add(CorpusKernel.of("failure.remainderByZeroLong", fk, "remainderByZeroLong", n,
                r -> args(longs(r, N), with(nonZeroLongs(r, N), 9, 0L), new long[N]), 2).withChecks(CheckMode.FULL)
                .withFailure(ExpectedFailure.single(ArithmeticException.class, "/ by zero", FAILURES, 39, 9)));
        k.add(CorpusKernel.of("failure.floorModByZero", fk, "floorModByZero", n,
                r -> args(ints(r, N), with(nonZero(r, N), 3, 0), new int[N]), 2).withChecks(CheckMode.FULL)
                .withFailure(ExpectedFailure.single(ArithmeticException.class, "/ by zero", FAILURES, 44, 3)));
        k.add(CorpusKernel.of("failure.addExactOverflow", fk, "addExactOverflow", n,
                r -> args(with(ints(r, N, -1000, 1000), 7, Integer.MAX_VALUE), new int[N]), 1)
                .withFailure(ExpectedFailure.single(ArithmeticException.class, "integer overflow", FAILURES, 49, 7)));
        k.add(CorpusKernel.of("failure.multiplyExactOverflow", fk, "multiplyExactOverflow", n, r -> {
            long[] a = new long[N];
            for (int i = 0; i < N; i++) {
                a[i] = r.nextLong(-1L << 40, 1L << 40);
            }
            a[2] = Long.MAX_VALUE / 2;
            return args(a, new long[N]);
        }, 1).withFailure(ExpectedFailure.single(ArithmeticException.class, "long overflow", FAILURES, 54, 2)));
        k.add(CorpusKernel.of("failure.toIntExactOverflow", fk, "toIntExactOverflow", n, r -> {
            long[] a = new long[N];
            for (int i = 0; i < N; i++) {
                a[i] = r.nextInt();
            }
            a[4] = 1L << 40;
            return args(a, new int[N]);
        }, 1).withFailure(ExpectedFailure.single(ArithmeticException.class, "integer overflow", FAILURES, 59, 4)));
        k.add(CorpusKernel.of("failure.throwConstant", fk, "throwConstant", n,
                r -> args(with(ints(r, N, 0, 1000), 11, -5), new int[N]), 1)
                .withFailure(ExpectedFailure.single(IllegalArgumentException.class, "negative input", FAILURES, 65, 11)));
        k.add(CorpusKernel.of("failure.throwConstantUserChecks", fk, "throwConstant", n,
                r -> args(with(ints(r, N, 0, 1000), 12, -5), new int[N]), 1).withChecks(CheckMode.USER)
                .withFailure(ExpectedFailure.single(IllegalArgumentException.class, "negative input", FAILURES, 65, 12)));
        k.add(CorpusKernel.of("failure.throwDynamicInt", fk, "throwDynamicInt", n,
                r -> args(with(ints(r, N, -1000, 1000), 23, 4711), new int[N]), 1)
                .withFailure(ExpectedFailure.single(IllegalStateException.class,
                        "value 4711 at index 23 exceeds 1000", FAILURES, 73, 23)));
        k.add(CorpusKernel.of("failure.throwDynamicIntegral", fk, "throwDynamicIntegral", Range.of(8), r -> {
            boolean[] z = new boolean[8];
            char[] c = new char[8];
            byte[] b = new byte[8];
            short[] s = new short[8];
            long[] l = new long[8];
            z[6] = true;
            c[6] = '\u00e9';
            b[6] = -128;
            s[6] = -32768;
            l[6] = Long.MIN_VALUE;
            return args(z, c, b, s, l);
        }, 4).withFailure(ExpectedFailure.single(IllegalArgumentException.class,
                "z=true c=\u00e9 b=-128 s=-32768 i=6 l=-9223372036854775808", FAILURES, 81, 6)));
        k.add(CorpusKernel.of("failure.throwDynamicFloating", fk, "throwDynamicFloating", Range.of(16), r -> {
            float[] f = floats(r, 16, 0f, 10f);
            double[] d = doubles(r, 16, 0, 10);
            d[9] = -0.0 - Double.MIN_VALUE;
            f[9] = -0.0f;
            return args(f, d, new int[16]);
        }, 2).withFailure(ExpectedFailure.single(ArithmeticException.class, "f=-0.0 d=-4.9E-324 sum=-4.9E-324",
                FAILURES, 90, 9)));
        k.add(CorpusKernel.of("failure.throwNoMessage", fk, "throwNoMessage", Range.of(16),
                r -> args(with(ints(r, 16, 0, 40), 14, 42)), 0)
                .withFailure(ExpectedFailure.single(UnsupportedOperationException.class, null, FAILURES, 98, 14)));
        k.add(CorpusKernel.of("failure.throwIndexOutOfBounds", fk, "throwIndexOutOfBounds", Range.of(16),
                r -> args(with(ints(r, 16, 0, 100), 1, 177)), 0)
                .withFailure(ExpectedFailure.single(IndexOutOfBoundsException.class, "Index out of range: 177",
                        FAILURES, 106, 1)));
        k.add(CorpusKernel.of("failure.throwArrayIndexExplicit", fk, "throwArrayIndexExplicit", Range.of(16),
                r -> args(with(ints(r, 16, 0, 100), 15, -3)), 0)
                .withFailure(ExpectedFailure.single(ArrayIndexOutOfBoundsException.class, "custom index -3 for item 15",
                        FAILURES, 114, 15)));
        k.add(CorpusKernel.of("failure.throwComputeException", fk, "throwComputeException", Range.of(16),
                r -> args(with(ints(r, 16, 10, 100), 4, 7)), 0)
                .withFailure(ExpectedFailure.single(CorpusException.class, "corpus failure 704: bad cell", FAILURES,
                        122, 4)));
        k.add(CorpusKernel.of("failure.throwComputeExceptionBase", fk, "throwComputeExceptionBase", Range.of(16), r -> {
            float[] f = floats(r, 16, -1f, 1f);
            f[8] = Float.NaN;
            return args(f);
        }, 0).withFailure(ExpectedFailure.single(ComputeException.class, "NaN at 8", FAILURES, 130, 8)));
        k.add(CorpusKernel.of("failure.throwInDeviceFunction", fk, "throwInDeviceFunction", Range.of(32),
                r -> args(with(ints(r, 32, 20, 90), 19, 13), new int[32]), 1)
                .withFailure(ExpectedFailure.single(IllegalArgumentException.class, "unlucky 13", FAILURES, 142, 19)));
        k.add(CorpusKernel.of("failure.throwInNestedDeviceFunction", fk, "throwInNestedDeviceFunction", Range.of(31),
                r -> args(ints(r, 32), new int[31]), 1)
                .withFailure(ExpectedFailure.single(ArrayIndexOutOfBoundsException.class,
                        "Index 32 out of bounds for length 32", FAILURES, 157, 30)));
        k.add(CorpusKernel.of("failure.barrierBoundsFailure", fk, "barrierBoundsFailure", Range.of(64, 32),
                r -> args(floats(r, 64, -1f, 1f), new float[64]), 1)
                .withFailure(ExpectedFailure.single(ArrayIndexOutOfBoundsException.class,
                        "Index 64 out of bounds for length 64", FAILURES, 166, 63)));
        k.add(CorpusKernel.of("failure.barrierThrowFailure", fk, "barrierThrowFailure", Range.of(64, 32),
                r -> args(with(ints(r, 64, 0, 1000), 37, -8), new int[64]), 1)
                .withFailure(ExpectedFailure.single(IllegalStateException.class, "negative -8 in group 1", FAILURES,
                        178, 37)));
        k.add(CorpusKernel.of("failure.barrierDivisionFailure", fk, "barrierDivisionFailure", Range.of(32, 16),
                r -> args(ints(r, 32), with(nonZero(r, 32), 20, 0), new int[32]), 2).withChecks(CheckMode.FULL)
                .withFailure(ExpectedFailure.single(ArithmeticException.class, "/ by zero", FAILURES, 189, 20)));
        k.add(CorpusKernel.of("failure.atomicOutOfBounds", fk, "atomicOutOfBounds", Range.of(32),
                r -> args(with(ints(r, 32, 0, 16), 12, 16), new int[16]), 1)
                .withFailure(ExpectedFailure.single(ArrayIndexOutOfBoundsException.class,
                        "Index 16 out of bounds for length 16", FAILURES, 196, 12)));
        k.add(CorpusKernel.of("failure.tableOutOfBounds", fk, "tableOutOfBounds", n,
                r -> args(with(ints(r, N, 0, 8), 21, 8), new int[N]), 1)
                .withFailure(ExpectedFailure.single(ArrayIndexOutOfBoundsException.class,
                        "Index 8 out of bounds for length 8", FAILURES, 203, 21)));
    }
}
