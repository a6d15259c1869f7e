package org.jdotcompute.spi.ir;

/**
 * An {@code org.jdotcompute.api.Atomics} operation on an array element. {@code ADD}, {@code MIN}
 * and {@code MAX} return the old value; {@code CAS} takes (expected, update) and returns 1 if it
 * stored, else 0 ({@code INT}).
 */
public enum AtomicOp {
    /** {@code add}: INT, LONG, FLOAT (IEEE add in a compare-and-swap loop where the device has no float add). */ ADD,
    /** {@code min}: INT, LONG. */ MIN,
    /** {@code max}: INT, LONG. */ MAX,
    /** {@code compareAndSet}: INT, LONG. */ CAS
}
