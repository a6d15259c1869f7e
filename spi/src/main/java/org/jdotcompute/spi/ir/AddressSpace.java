package org.jdotcompute.spi.ir;

/** Where an array lives on the device. */
public enum AddressSpace {
    /** Global memory: the kernel's array parameters. */
    GLOBAL,
    /** Group-local memory: arrays from {@code ctx.localFloats(n)} and friends. */
    LOCAL
}
