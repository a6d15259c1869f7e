package org.jdotcompute.backend.cpu;

import java.util.Arrays;
import java.util.Set;

/** Exceptions the backend raises inside a kernel, on behalf of the kernel's code. */
final class Faults {
    /** The classes whose frames sit between a kernel and an exception the backend raises for it. */
    private static final Set<String> CONTEXT_CLASSES = Set.of(Faults.class.getName(), ItemContext.class.getName(),
            LaneContext.class.getName(), WorkGroup.class.getName());

    private Faults() {
    }

    /**
     * Drops the backend's own top stack frames, so the exception points at the kernel line that
     * called the context (the line {@code DeviceKernelException} reports).
     */
    static <T extends RuntimeException> T inKernel(T e) {
        StackTraceElement[] trace = e.getStackTrace();
        int i = 0;
        while (i < trace.length && CONTEXT_CLASSES.contains(trace[i].getClassName())) {
            i++;
        }
        e.setStackTrace(Arrays.copyOfRange(trace, i, trace.length));
        return e;
    }

    static IllegalArgumentException badDimension(int dim) {
        return inKernel(new IllegalArgumentException("dimension " + dim + " is out of range; use 0, 1 or 2"));
    }
}
