package org.jdotcompute.testkit.corpus;

import org.jdotcompute.api.KernelContext;

/** Loops, switches, conditionals and nested device-function calls. Thread-safe. */
public final class ControlFlowKernels {
    private ControlFlowKernels() {
    }

    /** for, while, do-while, break, continue and a labelled break over data-dependent trip counts. */
    public static void loops(KernelContext ctx, int[] n, long[] out) {
        int i = ctx.globalId(0);
        int trips = n[i];
        long acc = 0;
        for (int k = 0; k < trips; k++) {
            if (k % 3 == 0) {
                continue;
            }
            acc += (long) k * k;
            if (acc > 5000) {
                break;
            }
        }
        int w = trips;
        while (w > 1) {
            w = (w & 1) == 0 ? w / 2 : 3 * w + 1;
            acc++;
        }
        int d = 0;
        do {
            d += 7;
        } while (d < trips);
        outer:
        for (int p = 0; p < 8; p++) {
            for (int q = 0; q < 8; q++) {
                if (p * q > trips) {
                    break outer;
                }
                acc ^= (long) p << q;
            }
        }
        out[i] = acc * 31 + d;
    }

    /** A dense switch (tableswitch) with fall-through. */
    @SuppressWarnings("fallthrough")
    public static void tableSwitch(KernelContext ctx, int[] keys, int[] out) {
        int i = ctx.globalId(0);
        int r = 0;
        switch (keys[i]) {
            case 0:
                r = 10;
                break;
            case 1:
                r = 11;
            case 2:
                r += 12;
                break;
            case 3:
                r = 13;
                break;
            case 4:
            case 5:
                r = 45;
                break;
            case 7:
                r = 17;
                break;
            default:
                r = -1;
        }
        out[i] = r;
    }

    /** A sparse switch (lookupswitch) over negative, large and scattered keys, as a switch expression. */
    public static void lookupSwitch(KernelContext ctx, int[] keys, int[] out) {
        int i = ctx.globalId(0);
        int k = keys[i];
        out[i] = switch (k) {
            case -1000000 -> 1;
            case -3 -> 2;
            case 17 -> 3;
            case 1000 -> 4;
            case 65536 -> 5;
            case Integer.MAX_VALUE -> 6;
            case Integer.MIN_VALUE -> 7;
            default -> k > 0 ? 8 : 9;
        };
    }

    /** Ternaries, short-circuit {@code &&}/{@code ||} and boolean values across branches. */
    public static void conditionals(KernelContext ctx, float[] x, int[] n, float[] out) {
        int i = ctx.globalId(0);
        float v = x[i];
        boolean big = v > 100f || v < -100f;
        boolean odd = (n[i] & 1) != 0 && n[i] > 0;
        float r = big ? (odd ? v * 0.5f : v * 2f) : (odd ? -v : v + 1f);
        if (!big && !odd || v != v) {
            r += 0.25f;
        }
        out[i] = r;
    }

    /** Device functions calling device functions, taking the context, returning booleans, and JDK methods. */
    public static void nestedCalls(KernelContext ctx, float[] x, int[] n, float[] out, int[] iout) {
        int i = ctx.globalId(0);
        out[i] = polynomial(x[i], 3) + scaled(ctx, x);
        iout[i * 4] = isEven(n[i]) ? Math.floorMod(n[i], 7) : Math.floorDiv(n[i], 5);
        iout[i * 4 + 1] = clampToByte(n[i]);
        iout[i * 4 + 2] = Integer.compare(n[i], i) + Float.compare(x[i], 1f) * 10;
        iout[i * 4 + 3] = Integer.signum(n[i]) + Integer.reverse(n[i]) + Integer.rotateLeft(n[i], i);
    }

    private static float polynomial(float v, int degree) {
        float r = 0f;
        for (int k = 0; k <= degree; k++) {
            r = r * v + coefficient(k);
        }
        return r;
    }

    private static float coefficient(int k) {
        return 1f / (k + 1);
    }

    static float scaled(KernelContext ctx, float[] x) {
        int i = ctx.globalId(0);
        return x[(i + 1) % ctx.globalSize(0)] * 0.5f;
    }

    static boolean isEven(int v) {
        return (v & 1) == 0;
    }

    static byte clampToByte(int v) {
        return (byte) Math.max(Byte.MIN_VALUE, Math.min(Byte.MAX_VALUE, v));
    }
}
