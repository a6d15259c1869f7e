package org.jdotcompute.backend.metal;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jdotcompute.api.DeviceBuffer;

/**
 * An {@code MTLBuffer} in shared storage: the host view is the buffer's own contents (unified
 * memory), so {@link #copyToDevice()} and {@link #copyToHost()} do nothing; a launch that uses the
 * buffer waits for the GPU, after which its writes are visible in the host view. The view lives in
 * the buffer's own arena, closed before the buffer is released, so a view kept past
 * {@link #close()} throws {@link IllegalStateException} instead of touching freed memory.
 *
 * <p>Not thread-safe for concurrent writes; see {@link DeviceBuffer}.
 */
final class MetalBuffer implements DeviceBuffer {
    private final MetalBackend backend;
    /** The {@code MTLBuffer}. */
    final long handle;
    private final long size;
    final Arena arena;
    private final MemorySegment host;
    private final AtomicBoolean closed = new AtomicBoolean();

    MetalBuffer(MetalBackend backend, long handle, long size, Arena arena, MemorySegment contents) {
        this.backend = backend;
        this.handle = handle;
        this.size = size;
        this.arena = arena;
        this.host = contents.asSlice(0, size);
    }

    @Override
    public long byteSize() {
        return size;
    }

    @Override
    public MemorySegment hostSegment() {
        checkOpen();
        return host;
    }

    @Override
    public void copyToDevice() {
        checkOpen(); // shared storage: the GPU reads the host view itself
    }

    @Override
    public void copyToHost() {
        checkOpen(); // shared storage: the GPU wrote the host view itself
    }

    @Override
    public boolean isClosed() {
        return closed.get();
    }

    void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException(this + " is closed; allocate a new buffer");
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            backend.release(this);
        }
    }

    /** Marks the buffer closed for the backend's own release; returns whether it was open. */
    boolean markClosed() {
        return closed.compareAndSet(false, true);
    }

    @Override
    public String toString() {
        return "Metal buffer of " + size + " bytes on " + backend.device().name();
    }
}
