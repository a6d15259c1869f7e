package org.jdotcompute.backend.cpu;

import org.jdotcompute.api.Kernel;
import org.jdotcompute.api.KernelContext;

/**
 * Kernels that fail. Each failing line carries a {@code // FAILS:name} marker; the tests find
 * the line number from the marker, so editing this file does not break them.
 */
public final class FailingKernels {
    private FailingKernels() {
    }

    /** Work-item 7 reads 100 past its index. */
    @Kernel
    public static void bounds(KernelContext ctx, int[] a) {
        int i = ctx.globalId(0);
        int offset = i == 7 ? 100 : 0;
        a[i] = a[i + offset] + 1; // FAILS:bounds
    }

    /** Divides by the element: work-items whose element is 0 fail. */
    @Kernel
    public static void divide(KernelContext ctx, int[] a, int[] out) {
        int i = ctx.globalId(0);
        out[i] = 1000 / a[i]; // FAILS:divide
    }

    /** Rejects negative elements with the value in the message. */
    @Kernel
    public static void userThrow(KernelContext ctx, int[] a) {
        int i = ctx.globalId(0);
        if (a[i] < 0) {
            throw new IllegalArgumentException("bad value " + a[i]); // FAILS:userThrow
        }
        a[i] = a[i] * 2;
    }

    /** Fails in a static helper (a device function). */
    @Kernel
    public static void inHelper(KernelContext ctx, int[] a) {
        a[ctx.globalId(0)] = check(a[ctx.globalId(0)]);
    }

    private static int check(int v) {
        if (v == 13) {
            throw new IllegalStateException("unlucky " + v); // FAILS:helper
        }
        return v;
    }

    /** Every work-item from {@code from} on fails; the others count their visit. */
    @Kernel
    public static void failFrom(KernelContext ctx, int from, int[] visits) {
        int i = ctx.globalId(0);
        if (i >= from) {
            throw new IllegalStateException("work-item " + i);
        }
        visits[i]++;
    }

    /** 2-D: the work-items of row 3 at column 5 and beyond fail. */
    @Kernel
    public static void failIn2d(KernelContext ctx, int[] out) {
        int x = ctx.globalId(0);
        int y = ctx.globalId(1);
        if (y >= 3 && x >= 5) {
            throw new ArithmeticException("at " + x + "," + y);
        }
        out[y * ctx.globalSize(0) + x] = 1;
    }

    /** A simulated virtual-machine error: must not be wrapped. */
    @Kernel
    public static void vmError(KernelContext ctx, int[] a) {
        if (ctx.globalId(0) == 2) {
            throw new InternalError("simulated VM failure");
        }
        a[ctx.globalId(0)] = 1;
    }

    /** An AssertionError (an Error, not a VirtualMachineError): wrapped like any failure. */
    @Kernel
    public static void assertionError(KernelContext ctx, int[] a) {
        if (ctx.globalId(0) == 1) {
            throw new AssertionError("invariant broken at " + ctx.globalId(0)); // FAILS:assertion
        }
    }

    /** Barrier kernel: in work-group 2 the work-item with local id 5 fails before the barrier. */
    @Kernel
    public static void failBeforeBarrier(KernelContext ctx, int[] out) {
        int[] shared = ctx.localInts(1);
        if (ctx.groupId(0) == 2 && ctx.localId(0) == 5) {
            throw new IllegalStateException("group " + ctx.groupId(0) + " lane " + ctx.localId(0)); // FAILS:group
        }
        Atomics2.increment(shared);
        ctx.barrier();
        out[ctx.globalId(0)] = shared[0];
    }

    /** Barrier kernel whose work-item 0 of each group skips the barrier: the barriers diverge. */
    @Kernel
    public static void divergentBarrier(KernelContext ctx, int[] out) {
        if (ctx.localId(0) == 0) {
            return;
        }
        ctx.barrier(); // FAILS:divergent
        out[ctx.globalId(0)] = 1;
    }

    /** Asks for dimension 3. */
    @Kernel
    public static void badDimension(KernelContext ctx, int[] out) {
        out[0] = ctx.globalId(3); // FAILS:dimension
    }

    /** Group-local memory over the backend's limit. */
    @Kernel
    public static void tooMuchLocal(KernelContext ctx, long[] out) {
        long[] big = ctx.localLongs(1 << 20); // FAILS:local
        out[ctx.globalId(0)] = big.length;
        ctx.barrier();
    }

    /** Helper with an atomic increment (keeps the failing kernel readable). */
    static final class Atomics2 {
        private Atomics2() {
        }

        static void increment(int[] a) {
            org.jdotcompute.api.Atomics.add(a, 0, 1);
        }
    }
}
