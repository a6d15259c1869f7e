package org.jdotcompute.backend.cpu;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jdotcompute.api.DeviceBuffer;

/**
 * A CPU buffer: an off-heap block of the backend's {@link MemoryPool}. Its host view is the
 * device memory — kernels read and write the same bytes — so {@link #copyToDevice()} and
 * {@link #copyToHost()} only check that the buffer is open. Passed to a kernel's array
 * parameter, the bytes are copied into a Java array of the parameter's type before the launch
 * and back after it (kernels take Java arrays; plain arrays avoid that copy).
 *
 * <p>After {@link #close()} the block goes back to the pool and may be handed to another
 * buffer: a {@link MemorySegment} obtained from {@link #hostSegment()} must not be used after
 * closing. Thread-safety: as {@link DeviceBuffer}; {@link #close()} is thread-safe.
 */
final class CpuBuffer implements DeviceBuffer {
    private final CpuBackend owner;
    private final long id;
    private final long bytes;
    private final MemoryPool.Block block;
    private final MemorySegment view;
    private final AtomicBoolean closed = new AtomicBoolean();

    CpuBuffer(CpuBackend owner, long id, long bytes, MemoryPool.Block block) {
        this.owner = owner;
        this.id = id;
        this.bytes = bytes;
        this.block = block;
        this.view = block.segment().asSlice(0, bytes);
    }

    @Override
    public long byteSize() {
        return bytes;
    }

    @Override
    public MemorySegment hostSegment() {
        ensureOpen();
        return view;
    }

    /** The memory, for a launch. */
    MemorySegment segment() {
        ensureOpen();
        return view;
    }

    /** Does nothing but check the buffer is open: on the CPU the host view is the device memory. */
    @Override
    public void copyToDevice() {
        ensureOpen();
    }

    /** Does nothing but check the buffer is open: on the CPU the host view is the device memory. */
    @Override
    public void copyToHost() {
        ensureOpen();
    }

    @Override
    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            owner.released(this, block);
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException(this + " is closed; allocate a new buffer with ComputeRuntime.allocate");
        }
    }

    @Override
    public String toString() {
        return "CPU buffer #" + id + " (" + bytes + " bytes)";
    }
}
