package org.jdotcompute.backend.cuda;

import java.lang.foreign.MemorySegment;

import jcuda.Pointer;
import jcuda.driver.JCudaDriver;

/**
 * Page-locked host memory from {@code cuMemAllocHost}: the fast path for host↔device copies,
 * seen from Java as a {@link MemorySegment}. Not thread-safe: used under its owner's lock.
 */
final class PinnedMemory {
    private final Pointer pointer;
    private final MemorySegment segment;
    private boolean freed;

    @SuppressWarnings("restricted") // the segment spans exactly the bytes cuMemAllocHost returned
    private PinnedMemory(Pointer pointer, long bytes) {
        this.pointer = pointer;
        // The direct buffer JCuda gives for host memory tells the address; the segment spans all bytes.
        long address = MemorySegment.ofBuffer(pointer.getByteBuffer(0, 1)).address();
        this.segment = MemorySegment.ofAddress(address).reinterpret(bytes);
    }

    /** Allocates {@code bytes} (more than 0) of pinned memory; the context must be current. */
    static PinnedMemory allocate(CudaContext ctx, long bytes, String purpose) {
        Pointer p = new Pointer();
        ctx.check(JCudaDriver.cuMemAllocHost(p, bytes), "cuMemAllocHost of " + bytes + " bytes for " + purpose, bytes);
        return new PinnedMemory(p, bytes);
    }

    Pointer pointer() {
        return pointer;
    }

    Pointer pointer(long offset) {
        return offset == 0 ? pointer : pointer.withByteOffset(offset);
    }

    MemorySegment segment() {
        return segment;
    }

    long byteSize() {
        return segment.byteSize();
    }

    /** Frees the memory (the context must be current). Idempotent. */
    void free(CudaContext ctx) {
        if (!freed) {
            freed = true;
            ctx.check(JCudaDriver.cuMemFreeHost(pointer), "cuMemFreeHost");
        }
    }
}
