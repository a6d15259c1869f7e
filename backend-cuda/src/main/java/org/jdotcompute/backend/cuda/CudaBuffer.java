package org.jdotcompute.backend.cuda;

import java.lang.foreign.MemorySegment;

import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;

import org.jdotcompute.api.DeviceBuffer;

/**
 * A {@link DeviceBuffer} on the CUDA backend: a pooled device block and a pinned host view of the
 * same size. {@link #copyToDevice()} and {@link #copyToHost()} are copies on the backend's stream,
 * complete when they return. A launch that takes the buffer neither uploads nor downloads it.
 *
 * <p>Not thread-safe for concurrent writes (see {@link DeviceBuffer}); closing is idempotent.
 */
@SuppressWarnings("try") // try (var scope = ctx.enter(...)): the scope holds the context lock
final class CudaBuffer implements DeviceBuffer {
    private final CudaBackend backend;
    private final long bytes;
    private final DevicePool.Block block; // null for 0 bytes
    private final PinnedMemory host; // null for 0 bytes
    private final MemorySegment view;
    private volatile boolean closed;

    CudaBuffer(CudaBackend backend, long bytes, DevicePool.Block block, PinnedMemory host) {
        this.backend = backend;
        this.bytes = bytes;
        this.block = block;
        this.host = host;
        this.view = host == null ? MemorySegment.ofArray(new byte[0]) : host.segment().asSlice(0, bytes);
    }

    /** The device pointer (a null pointer for an empty buffer). */
    CUdeviceptr devicePointer() {
        checkOpen();
        return block == null ? new CUdeviceptr() : block.pointer();
    }

    DevicePool.Block block() {
        return block;
    }

    PinnedMemory host() {
        return host;
    }

    @Override
    public long byteSize() {
        return bytes;
    }

    @Override
    public MemorySegment hostSegment() {
        checkOpen();
        return view;
    }

    @Override
    public void copyToDevice() {
        checkOpen();
        if (bytes == 0) {
            return;
        }
        CudaContext ctx = backend.context();
        try (var scope = ctx.enter("copy a buffer of " + bytes + " bytes to the device")) {
            ctx.check(JCudaDriver.cuMemcpyHtoDAsync(block.pointer(), host.pointer(), bytes, ctx.stream()),
                    "cuMemcpyHtoDAsync of " + bytes + " bytes");
            ctx.check(JCudaDriver.cuStreamSynchronize(ctx.stream()), "cuStreamSynchronize after a buffer upload");
        }
    }

    @Override
    public void copyToHost() {
        checkOpen();
        if (bytes == 0) {
            return;
        }
        CudaContext ctx = backend.context();
        try (var scope = ctx.enter("copy a buffer of " + bytes + " bytes to the host")) {
            ctx.check(JCudaDriver.cuMemcpyDtoHAsync(host.pointer(), block.pointer(), bytes, ctx.stream()),
                    "cuMemcpyDtoHAsync of " + bytes + " bytes");
            ctx.check(JCudaDriver.cuStreamSynchronize(ctx.stream()), "cuStreamSynchronize after a buffer download");
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        backend.release(this);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the CUDA DeviceBuffer of " + bytes + " bytes is closed");
        }
    }

    @Override
    public String toString() {
        return "CudaBuffer[" + bytes + " bytes" + (closed ? ", closed" : "") + "]";
    }
}
