package org.jdotcompute.spi.internal.engine;

import java.lang.foreign.MemorySegment;

import org.jdotcompute.api.DeviceBuffer;

/** A backend buffer the runtime tracks, so closing the runtime closes it and launches can check ownership. */
final class TrackedBuffer implements DeviceBuffer {
    private final EngineRuntime owner;
    private final DeviceBuffer delegate;

    TrackedBuffer(EngineRuntime owner, DeviceBuffer delegate) {
        this.owner = owner;
        this.delegate = delegate;
    }

    EngineRuntime owner() {
        return owner;
    }

    DeviceBuffer backendBuffer() {
        if (delegate.isClosed()) {
            throw new IllegalStateException(delegate + " is closed; allocate a new buffer with ComputeRuntime.allocate");
        }
        return delegate;
    }

    @Override
    public long byteSize() {
        return delegate.byteSize();
    }

    @Override
    public MemorySegment hostSegment() {
        return delegate.hostSegment();
    }

    @Override
    public void copyToDevice() {
        delegate.copyToDevice();
    }

    @Override
    public void copyToHost() {
        delegate.copyToHost();
    }

    @Override
    public boolean isClosed() {
        return delegate.isClosed();
    }

    @Override
    public void close() {
        owner.forget(this);
        delegate.close();
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
