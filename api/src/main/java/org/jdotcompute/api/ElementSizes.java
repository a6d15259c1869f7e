package org.jdotcompute.api;

import org.jdotcompute.api.exceptions.AllocationException;

/** Byte sizes of typed allocations. */
final class ElementSizes {
    private ElementSizes() {
    }

    static long bytes(long count, int elementBytes, String what) {
        if (count < 0) {
            throw new AllocationException(count * elementBytes, "negative element count " + count + " of " + what);
        }
        try {
            return Math.multiplyExact(count, elementBytes);
        } catch (ArithmeticException overflow) {
            throw new AllocationException(Long.MAX_VALUE, count + " " + what + " overflow a 64-bit byte size", overflow);
        }
    }
}
