package org.jdotcompute.spi.ir;

/**
 * Where an array lives on the device. An array variable's type names its space, so a device
 * function taking arrays from different spaces is emitted once per combination.
 */
public enum AddressSpace {
    /** Global memory: the kernel's array parameters. */
    GLOBAL,
    /** Group-local memory: arrays from {@code ctx.localFloats(n)} and friends ({@link LocalArrayDecl}). */
    LOCAL,
    /**
     * Read-only constant memory: {@code static final} primitive arrays the code reads, as tables
     * of {@link KernelIR#constantArrays()} ({@link ConstantArrayDecl}, bound by
     * {@link Stmt.ConstantArray}). Never stored to or used atomically. Their values are a snapshot
     * taken when the kernel is translated.
     */
    CONSTANT,
    /**
     * Per-work-item memory: arrays a function allocates itself with {@code new T[n]} of constant
     * length ({@link PrivateArrayDecl}, bound and zeroed by {@link Stmt.PrivateArray}). Never used
     * atomically.
     */
    PRIVATE
}
