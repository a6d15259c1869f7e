package org.jdotcompute.spi.ir;

/** What a function does after it records a failure. */
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
