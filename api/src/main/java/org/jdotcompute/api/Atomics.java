package org.jdotcompute.api;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Atomic read-modify-write operations on array elements, usable inside kernels (GPU backends
 * translate them to device atomics) and on the host. Each has sequentially consistent
 * semantics on the host. Thread-safe.
 */
public final class Atomics {
    private static final VarHandle INTS = MethodHandles.arrayElementVarHandle(int[].class);
    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle FLOATS = MethodHandles.arrayElementVarHandle(float[].class);

    private Atomics() {
    }

    /** Adds {@code v} to {@code a[i]} and returns the old value. */
    public static int add(int[] a, int i, int v) {
        return (int) INTS.getAndAdd(a, i, v);
    }

    /** Adds {@code v} to {@code a[i]} and returns the old value. */
    public static long add(long[] a, int i, long v) {
        return (long) LONGS.getAndAdd(a, i, v);
    }

    /** Adds {@code v} to {@code a[i]} (IEEE addition, retried until no other write interferes) and returns the old value. */
    public static float add(float[] a, int i, float v) {
        // VarHandle float CAS compares raw bits, so NaN and -0.0 values cannot spin forever.
        while (true) {
            float old = (float) FLOATS.getVolatile(a, i);
            if (FLOATS.compareAndSet(a, i, old, old + v)) {
                return old;
            }
        }
    }

    /** Sets {@code a[i]} to {@code update} if it equals {@code expected}; returns whether it did. */
    public static boolean compareAndSet(int[] a, int i, int expected, int update) {
        return INTS.compareAndSet(a, i, expected, update);
    }

    /** Sets {@code a[i]} to {@code update} if it equals {@code expected}; returns whether it did. */
    public static boolean compareAndSet(long[] a, int i, long expected, long update) {
        return LONGS.compareAndSet(a, i, expected, update);
    }

    /** Stores {@code min(a[i], v)} in {@code a[i]} and returns the old value. */
    public static int min(int[] a, int i, int v) {
        int old = (int) INTS.getVolatile(a, i);
        while (v < old) {
            int witness = (int) INTS.compareAndExchange(a, i, old, v);
            if (witness == old) {
                return old;
            }
            old = witness;
        }
        return old;
    }

    /** Stores {@code max(a[i], v)} in {@code a[i]} and returns the old value. */
    public static int max(int[] a, int i, int v) {
        int old = (int) INTS.getVolatile(a, i);
        while (v > old) {
            int witness = (int) INTS.compareAndExchange(a, i, old, v);
            if (witness == old) {
                return old;
            }
            old = witness;
        }
        return old;
    }

    /** Stores {@code min(a[i], v)} in {@code a[i]} and returns the old value. */
    public static long min(long[] a, int i, long v) {
        long old = (long) LONGS.getVolatile(a, i);
        while (v < old) {
            long witness = (long) LONGS.compareAndExchange(a, i, old, v);
            if (witness == old) {
                return old;
            }
            old = witness;
        }
        return old;
    }

    /** Stores {@code max(a[i], v)} in {@code a[i]} and returns the old value. */
    public static long max(long[] a, int i, long v) {
        long old = (long) LONGS.getVolatile(a, i);
        while (v > old) {
            long witness = (long) LONGS.compareAndExchange(a, i, old, v);
            if (witness == old) {
                return old;
            }
            old = witness;
        }
        return old;
    }
}
