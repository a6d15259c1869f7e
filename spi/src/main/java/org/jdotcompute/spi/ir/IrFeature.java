package org.jdotcompute.spi.ir;

/** What a kernel uses; a backend rejects a kernel that needs a feature its device lacks. */
public enum IrFeature {
    /** {@code double} values. */ FP64,
    /** {@code long} values. */ INT64,
    /** {@code ctx.barrier()}. */ BARRIER,
    /** Group-local arrays. */ LOCAL_MEMORY,
    /** 32-bit integer atomics. */ ATOMIC_INT32,
    /** 64-bit integer atomics. */ ATOMIC_INT64,
    /** Float atomic add. */ ATOMIC_FLOAT,
    /** At least one failure site (checks or throws). */ DEVICE_FAILURES
}
