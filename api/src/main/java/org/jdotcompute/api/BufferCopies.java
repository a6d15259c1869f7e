package org.jdotcompute.api;

import java.lang.foreign.MemorySegment;

/** The array copies behind {@link DeviceBuffer}'s default methods. */
final class BufferCopies {
    private BufferCopies() {
    }

    static void write(DeviceBuffer buffer, MemorySegment src) {
        checkFits(buffer, src, "write");
        buffer.hostSegment().copyFrom(src);
        buffer.copyToDevice();
    }

    static void read(DeviceBuffer buffer, MemorySegment dst) {
        checkFits(buffer, dst, "read");
        buffer.copyToHost();
        dst.copyFrom(buffer.hostSegment().asSlice(0, dst.byteSize()));
    }

    private static void checkFits(DeviceBuffer buffer, MemorySegment array, String what) {
        if (array.byteSize() > buffer.byteSize()) {
            throw new IllegalArgumentException("cannot " + what + " " + array.byteSize() + " bytes: the buffer holds "
                    + buffer.byteSize() + " bytes; allocate a larger buffer or pass a smaller array");
        }
    }
}
