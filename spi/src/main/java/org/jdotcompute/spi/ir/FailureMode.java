package org.jdotcompute.spi.ir;

/**
 * What a function does after it records a failure.
 *
 * <p>A kernel and the device functions that can fail or reach a barrier share one mode. In a
 * {@code CONTINUE} kernel, a device function that can neither fail ({@link IrFunction#mayFail()}
 * false) nor reach a barrier may be a {@code RETURN} function: while the calling work-item's
 * failure flag is set, a call of it from a {@code CONTINUE} function is skipped and yields zero
 * (its stores would be suppressed anyway, and its loads would yield zero). A {@code RETURN}
 * function never calls a {@code CONTINUE} function.
 */
public enum FailureMode {
    /**
     * Record the failure and leave the function: a kernel returns; a device function sets the
     * work-item's failure flag and returns (any value), and its caller, seeing the flag after
     * the call, leaves too. Used for kernels without barriers.
     */
    RETURN,
    /**
     * Record the failure, set the work-item's failure flag, and carry on so that every barrier
     * is still reached: while the flag is set, loads yield 0, stores and atomics do nothing,
     * and a {@code Throw} cannot occur (the front end has turned throws into
     * {@link Stmt.ReportFailure} followed by a jump). A work-item records at most one failure:
     * while its flag is set, further checks and reports record nothing. Used for kernels that
     * reach a barrier.
     */
    CONTINUE
}
