package org.jdotcompute.example.interp;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

import org.jdotcompute.api.DeviceBuffer;
import org.jdotcompute.spi.KernelArgument;
import org.jdotcompute.spi.LaunchArguments;

/**
 * A buffer of the {@code interp} backend, modelled on a discrete GPU's: device memory and a host
 * view, two blocks of native memory of one shared {@link Arena}, synchronised only by
 * {@link #copyToDevice()} and {@link #copyToHost()}. Launches read the device memory into an
 * array of the parameter's element type ({@link #toArray}) and write it back ({@link #fromArray}),
 * in native byte order, as the host view is written.
 *
 * <p>Thread-safe: every operation holds the buffer's monitor; see {@link DeviceBuffer} for what
 * concurrent writes mean.
 */
final class InterpBuffer implements DeviceBuffer {
    private final InterpBackend backend;
    private final Arena arena;
    private final MemorySegment host;
    private final MemorySegment device;
    private final long size;
    private boolean closed; // guarded by this

    InterpBuffer(InterpBackend backend, Arena arena, MemorySegment host, MemorySegment device) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.arena = Objects.requireNonNull(arena, "arena");
        this.host = Objects.requireNonNull(host, "host");
        this.device = Objects.requireNonNull(device, "device");
        this.size = device.byteSize();
    }

    @Override
    public long byteSize() {
        return size;
    }

    @Override
    public synchronized MemorySegment hostSegment() {
        checkOpen();
        return host;
    }

    @Override
    public synchronized void copyToDevice() {
        checkOpen();
        device.copyFrom(host);
    }

    @Override
    public synchronized void copyToHost() {
        checkOpen();
        host.copyFrom(device);
    }

    @Override
    public synchronized boolean isClosed() {
        return closed;
    }

    boolean belongsTo(InterpBackend b) {
        return backend == b;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException(this + " is closed; allocate a new buffer");
        }
    }

    @Override
    public void close() {
        if (release()) {
            backend.released(this);
        }
    }

    /** Frees the memory; returns whether the buffer was open. */
    synchronized boolean release() {
        if (closed) {
            return false;
        }
        closed = true;
        arena.close();
        return true;
    }

    /**
     * The device memory as a new array of {@code argument}'s parameter type ({@code boolean}: a
     * byte, non-zero is true).
     *
     * @throws IllegalStateException    if the buffer is closed
     * @throws IllegalArgumentException if it holds more elements than a Java array can
     */
    synchronized Object toArray(KernelArgument.Buffer argument) {
        if (closed) {
            throw new IllegalStateException(argument.label() + " is " + this + ", which is closed; allocate a new"
                    + " buffer");
        }
        return argument.toArray(device);
    }

    /**
     * Writes {@code array} (made by {@link #toArray}) back to the device memory.
     *
     * @throws IllegalStateException if the buffer was closed during the launch
     */
    synchronized void fromArray(Object array, String kernel) {
        if (closed) {
            throw new IllegalStateException(this + " was closed while kernel '" + kernel + "' ran on it; what the"
                    + " kernel wrote to it is lost. Close buffers only after the launches that use them return");
        }
        LaunchArguments.copy(array, device);
    }

    @Override
    public String toString() {
        return "buffer of " + size + " bytes of the " + InterpBackendProvider.DISPLAY_NAME + " backend";
    }
}
