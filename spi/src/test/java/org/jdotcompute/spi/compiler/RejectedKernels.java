package org.jdotcompute.spi.compiler;

import org.jdotcompute.api.KernelContext;
import org.jdotcompute.api.exceptions.ComputeException;

/** Kernels the front end must reject; each marked line is named by a test. */
public final class RejectedKernels {
    static int counter;
    static int[] mutableTable = {1, 2, 3};
    static final int[] TABLE = {1, 2, 3};
    static final double[] HUGE_TABLE = new double[9000];
    static final int[] NULL_TABLE = null;
    static final String[] NAMES = {"a", "b"};

    private RejectedKernels() {
    }

    public static void allocates(KernelContext ctx, float[] x) {
        float[] t = new float[x.length]; // @allocates
        x[0] = t[0];
    }

    public static void allocatesTooMuch(KernelContext ctx, double[] x) {
        double[] t = new double[2000]; // @allocatesTooMuch
        x[0] = t[0];
    }

    public static void allocatesInLoop(KernelContext ctx, int[] x) {
        for (int k = 0; k < x.length; k++) {
            int[] t = new int[4]; // @allocatesInLoop
            t[k & 3] = k;
            x[k] = t[0];
        }
    }

    public static void atomicOnNewArray(KernelContext ctx, int[] x) {
        int[] t = new int[4];
        x[0] = org.jdotcompute.api.Atomics.add(t, 0, 1); // @atomicOnNewArray
    }

    public static void writesTable(KernelContext ctx, int[] x) {
        TABLE[x[0] & 1] = 5; // @writesTable
    }

    public static void writesTableInDeviceFunction(KernelContext ctx, int[] x) {
        clear(TABLE);
    }

    static void clear(int[] a) {
        a[0] = 0; // @clearsTable
    }

    public static void atomicOnTable(KernelContext ctx, int[] x) {
        x[0] = org.jdotcompute.api.Atomics.add(TABLE, 0, 1); // @atomicOnTable
    }

    public static void readsMutableTable(KernelContext ctx, int[] x) {
        x[0] = mutableTable[1]; // @readsMutableTable
    }

    public static void readsHugeTable(KernelContext ctx, double[] x) {
        x[0] = HUGE_TABLE[1]; // @readsHugeTable
    }

    public static void readsNullTable(KernelContext ctx, int[] x) {
        x[0] = NULL_TABLE.length; // @readsNullTable
    }

    public static void readsObjectTable(KernelContext ctx, int[] x) {
        x[0] = NAMES.length; // @readsObjectTable
    }

    public static void allocatesChars(KernelContext ctx, char[] x) {
        x[0] = (new char[2][3])[0][0]; // @allocatesChars
    }

    public static void allocatesObject(KernelContext ctx, int[] x) {
        x[0] = new StringBuilder().length(); // @allocatesObject
    }

    public static void readsStatic(KernelContext ctx, int[] x) {
        x[0] = counter; // @readsStatic
    }

    public static void writesStatic(KernelContext ctx, int[] x) {
        counter = x[0]; // @writesStatic
    }

    public static void virtualCall(KernelContext ctx, int[] x) {
        x[0] = "abc".length(); // @virtualCall
    }

    public static void lambda(KernelContext ctx, int[] x) {
        java.util.function.IntUnaryOperator f = v -> v + 1; // @lambda
        x[0] = f.applyAsInt(x[0]);
    }

    public static void synchronizes(KernelContext ctx, int[] x) {
        synchronized (x) { // @synchronizes
            x[0]++;
        }
    }

    public static void tryCatch(KernelContext ctx, int[] x) {
        try {
            x[0] = x[1] / x[2]; // @tryCatch
        } catch (ArithmeticException e) {
            x[0] = 0;
        }
    }

    public static void casts(KernelContext ctx, int[] x) {
        Object o = x;
        ((int[]) o)[0] = 1; // @casts
    }

    public static void nullArray(KernelContext ctx, int[] x) {
        int[] y = null; // @nullArray
        x[0] = y == x ? 1 : 0;
    }

    public static void recursive(KernelContext ctx, int[] x) {
        x[0] = factorial(x[1]); // @recursive
    }

    static int factorial(int n) {
        return n <= 1 ? 1 : n * factorial(n - 1); // @recursionSite
    }

    public static void nativeCall(KernelContext ctx, long[] x) {
        x[0] = System.nanoTime(); // @nativeCall
    }

    public static void jdkInternals(KernelContext ctx, double[] x) {
        x[0] = Math.random(); // @jdkInternals
    }

    public static void dynamicDimension(KernelContext ctx, int[] x) {
        x[0] = ctx.globalId(x[1]); // @dynamicDimension
    }

    public static void badDimension(KernelContext ctx, int[] x) {
        x[0] = ctx.globalId(3); // @badDimension
    }

    public static void dynamicLocalLength(KernelContext ctx, float[] x) {
        float[] t = ctx.localFloats(x.length); // @dynamicLocalLength
        x[0] = t[0];
    }

    public static void localInDeviceFunction(KernelContext ctx, float[] x) {
        x[0] = fromLocal(ctx);
    }

    static float fromLocal(KernelContext ctx) {
        return ctx.localFloats(4)[0]; // @localInDeviceFunction
    }

    public static void localInLoop(KernelContext ctx, float[] x) {
        for (int k = 0; k < 2; k++) {
            x[k] = ctx.localFloats(4)[0]; // @localInLoop
        }
    }

    public static void localConditional(KernelContext ctx, float[] x) {
        float[] a = ctx.localFloats(4);
        if (x[0] > 0) {
            x[1] = ctx.localFloats(8)[0]; // @localConditional
        }
        float[] c = ctx.localFloats(2); // @localAfterConditional
        x[2] = a[0] + c[0];
    }

    public static void mixedSpaces(KernelContext ctx, float[] x) {
        float[] l = ctx.localFloats(4);
        float[] t;
        if (x[0] > 0) {
            t = l;
        } else {
            t = x;
        }
        t[0] = 1f; // @mixedSpaces
    }

    public static void mixedSpacesTernary(KernelContext ctx, float[] x) {
        float[] l = ctx.localFloats(4);
        (x[0] > 0 ? l : x)[0] = 1f; // @mixedSpacesTernary
    }

    public static void runtimeException(KernelContext ctx, int[] x) {
        if (x[0] < 0) {
            throw new RuntimeException("no"); // @runtimeException
        }
    }

    public static void sevenValues(KernelContext ctx, int[] x) {
        if (x[0] < 0) {
            throw new IllegalStateException(x[0] + " " + x[1] + " " + x[2] + " " + x[3] + " " + x[4] + " " // @sevenValues
                    + x[5] + " " + x[6]);
        }
    }

    public static void stringArgument(KernelContext ctx, int[] x) {
        x[0] = length("abc"); // @stringArgument
    }

    static int length(String s) {
        return 3;
    }

    public static void arrayReturn(KernelContext ctx, int[] x) {
        pick(x)[0] = 1; // @arrayReturn
    }

    static int[] pick(int[] x) {
        return x;
    }

    public static void unguardedThrowInBarrierKernel(KernelContext ctx, int[] x) {
        ctx.barrier();
        switch (x[0]) {
            case 1 -> x[1] = 2;
            default -> throw new IllegalStateException("bad " + x[0]); // @unguardedThrowInBarrierKernel
        }
        ctx.barrier();
    }

    public static void unguardedThrowInBarrierHelper(KernelContext ctx, int[] x) {
        sync(ctx, x[0]);
    }

    static void sync(KernelContext ctx, int v) {
        ctx.barrier();
        switch (v) {
            case 1 -> ctx.barrier();
            default -> throw new IllegalStateException("bad " + v); // @unguardedThrowInBarrierHelper
        }
    }

    public static void assertion(KernelContext ctx, int[] x) {
        assert x[0] > 0; // @assertion
    }

    public static void hiddenConstructor(KernelContext ctx, int[] x) {
        if (x[0] < 0) {
            throw new HiddenException(); // @hiddenConstructor
        }
    }

    /** An exception whose constructor the host cannot call. */
    public static final class HiddenException extends ComputeException {
        private static final long serialVersionUID = 1L;

        HiddenException() {
            super("hidden");
        }
    }

    public static void objectInMessage(KernelContext ctx, int[] x) {
        if (x[0] < 0) {
            throw new IllegalStateException("bad " + x); // @objectInMessage
        }
    }

    static int sum2d(int[][] m) {
        return m.length;
    }
}
