package org.jdotcompute.backend.opencl;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jdotcompute.api.DeviceBuffer;

/**
 * A {@code cl_mem} of the backend's context plus a host view in native memory (a shared
 * {@link Arena}); {@link #copyToDevice()} and {@link #copyToHost()} are blocking transfers on the
 * backend's queue. An empty buffer has no {@code cl_mem} (OpenCL forbids size 0) and passes
 * {@code NULL} to kernels.
 *
 * <p>Not thread-safe for concurrent writes; see {@link DeviceBuffer}.
 */
final class OpenClBuffer implements DeviceBuffer {
    private final OpenClBackend backend;
    /** The {@code cl_mem}, 0 for an empty buffer. */
    final long mem;
    private final long size;
    final Arena arena;
    private final MemorySegment host;
    private final AtomicBoolean closed = new AtomicBoolean();

    OpenClBuffer(OpenClBackend backend, long mem, long size, Arena arena, MemorySegment host) {
        this.backend = backend;
        this.mem = mem;
        this.size = size;
        this.arena = arena;
        this.host = host;
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
        checkOpen();
        backend.transfer(this, host, true);
    }

    @Override
    public void copyToHost() {
        checkOpen();
        backend.transfer(this, host, false);
    }

    @Override
    public boolean isClosed() {
        return closed.get();
    }

    /** Whether {@code b} allocated this buffer. */
    boolean belongsTo(OpenClBackend b) {
        return backend == b;
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
        return "OpenCL buffer of " + size + " bytes on " + backend.device().name();
    }
}
