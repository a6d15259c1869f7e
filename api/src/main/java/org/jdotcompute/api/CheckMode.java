package org.jdotcompute.api;

/**
 * Which Java checks a GPU backend compiles into a kernel. The CPU backend runs the Java method
 * itself and therefore always has every check of the JVM.
 */
public enum CheckMode {
    /** No device-side checks: an out-of-bounds access is undefined, {@code x / 0} yields 0. */
    NONE,
    /** Explicit {@code throw} statements only. */
    USER,
    /** Explicit throws and array bounds (the default). */
    INDEX,
    /** Explicit throws, array bounds and integer division by zero. */
    FULL;

    /** Whether explicit {@code throw} statements are compiled. */
    public boolean checksThrows() {
        return this != NONE;
    }

    /** Whether array indices are bounds-checked. */
    public boolean checksBounds() {
        return this == INDEX || this == FULL;
    }

    /** Whether integer division and remainder check for a zero divisor. */
    public boolean checksDivision() {
        return this == FULL;
    }
}
