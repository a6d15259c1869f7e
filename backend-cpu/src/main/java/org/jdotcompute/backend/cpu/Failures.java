package org.jdotcompute.backend.cpu;

import org.jdotcompute.api.exceptions.DeviceKernelException;

/**
 * The failures of one launch. Keeps the failure of the lowest work-item (row-major linear
 * order) and counts them all — every work-item runs, as on a GPU, so the count is the number of
 * failing work-items (the conformance kit's DEX-002 compares it with the JVM's). A
 * {@link VirtualMachineError} stops the whole launch: {@link #bound()} drops to {@code -1} and
 * the workers skip what is left.
 *
 * <p>Thread-safe.
 */
final class Failures {
    private volatile long bound = Long.MAX_VALUE;
    private long count;
    private long lowest = Long.MAX_VALUE;
    private Throwable lowestCause;
    private int[] lowestId;
    private VirtualMachineError fatal;

    /** Work-items whose linear id is above this are skipped: {@code -1} after a fatal error, else none. */
    long bound() {
        return bound;
    }

    synchronized void record(long linearId, int x, int y, int z, Throwable failure) {
        if (failure instanceof VirtualMachineError e) {
            if (fatal == null) {
                fatal = e;
            }
            bound = -1;
            return;
        }
        count++;
        if (linearId < lowest) {
            lowest = linearId;
            lowestCause = failure;
            lowestId = new int[] {x, y, z};
        }
    }

    /**
     * Throws the launch's failure, if any.
     *
     * @throws VirtualMachineError   as a work-item threw it
     * @throws DeviceKernelException for the lowest failing work-item
     */
    synchronized void throwIfAny(String backend, String kernelName) {
        if (fatal != null) {
            throw fatal;
        }
        if (count > 0) {
            throw DeviceKernelException.fromJavaException(backend, kernelName, lowestCause, lowestId, count);
        }
    }
}
