package org.jdotcompute.benchmarks.opencl;

import org.jdotcompute.api.ComputeRuntime;

/**
 * Sanity checks the OpenCL benchmarks run once in their setup, so that a figure never comes from
 * a kernel computing the wrong thing or from two different devices. Stateless.
 */
final class Checks {
    private Checks() {
    }

    /** Fails unless the runtime's device is the one the hand-written baseline opened. */
    static void sameDevice(ComputeRuntime runtime, HandWrittenOpenCl hand) {
        String ours = runtime.backend().device().name();
        if (!ours.equals(hand.deviceName)) {
            throw new IllegalStateException("the OpenCL backend runs on '" + ours + "' but the hand-written baseline on '"
                    + hand.deviceName + "'; the comparison would be meaningless");
        }
    }

    /** Fails unless {@code c} is the element-wise sum of {@code a} and {@code b}. */
    static void vectorAdd(float[] c, float[] a, float[] b, String who) {
        for (int i = 0; i < c.length; i += 997) {
            if (Float.floatToIntBits(c[i]) != Float.floatToIntBits(a[i] + b[i])) {
                throw new IllegalStateException(who + ": vector add gives c[" + i + "] = " + c[i] + ", expected "
                        + (a[i] + b[i]));
            }
        }
    }

    /**
     * Fails unless sampled elements of {@code c} are the row-by-column products: bit for bit for
     * our kernel (Java's order of float operations), within 1e-4 relative for the hand-written one
     * (OpenCL C may contract into fused multiply-adds).
     */
    static void matmul(float[] c, float[] a, float[] b, int n, String who, boolean exact) {
        for (int idx = 0; idx < n * n; idx += 331) {
            int row = idx / n;
            int col = idx % n;
            float sum = 0f;
            for (int k = 0; k < n; k++) {
                sum += a[row * n + k] * b[k * n + col];
            }
            float got = c[row * n + col];
            boolean ok = exact ? Float.floatToIntBits(got) == Float.floatToIntBits(sum)
                    : Math.abs(got - sum) <= 1e-4f * Math.abs(sum);
            if (!ok) {
                throw new IllegalStateException(who + ": matmul gives c[" + row + "][" + col + "] = " + got + ", expected "
                        + sum + (exact ? " exactly" : " within 1e-4"));
            }
        }
    }
}
