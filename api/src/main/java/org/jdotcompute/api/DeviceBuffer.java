package org.jdotcompute.api;

import java.lang.foreign.MemorySegment;

/**
 * A block of device memory with a host view. The host view ({@link #hostSegment()}) and the
 * device copy are synchronised explicitly: {@link #copyToDevice()} after writing the host
 * view, {@link #copyToHost()} before reading it. On backends with unified memory (the CPU)
 * both are one memory and the copies do nothing. A buffer passed to a kernel's array parameter
 * stays resident on the device: the launch neither uploads nor downloads it.
 *
 * <p>Not thread-safe for concurrent writes; reads of a buffer that no launch is writing may
 * happen from any thread. Closing returns the memory to the runtime's pool; using a closed
 * buffer throws {@link IllegalStateException}.
 */
public interface DeviceBuffer extends AutoCloseable {
    /** The size in bytes. */
    long byteSize();

    /** The host view of the buffer, valid until {@link #close()}. */
    MemorySegment hostSegment();

    /** Copies the host view to the device. Does nothing where host and device memory are one. */
    void copyToDevice();

    /** Copies the device memory to the host view. Does nothing where host and device memory are one. */
    void copyToHost();

    /** Whether {@link #close()} has been called. */
    boolean isClosed();

    /** Releases the buffer (back to the pool). Idempotent. */
    @Override
    void close();

    /**
     * Writes {@code src} to the start of the buffer and copies it to the device.
     *
     * @throws IllegalArgumentException if {@code src} does not fit
     */
    default void write(float[] src) {
        BufferCopies.write(this, MemorySegment.ofArray(src));
    }

    /** Writes {@code src} to the start of the buffer and copies it to the device. */
    default void write(double[] src) {
        BufferCopies.write(this, MemorySegment.ofArray(src));
    }

    /** Writes {@code src} to the start of the buffer and copies it to the device. */
    default void write(int[] src) {
        BufferCopies.write(this, MemorySegment.ofArray(src));
    }

    /** Writes {@code src} to the start of the buffer and copies it to the device. */
    default void write(long[] src) {
        BufferCopies.write(this, MemorySegment.ofArray(src));
    }

    /** Writes {@code src} to the start of the buffer and copies it to the device. */
    default void write(byte[] src) {
        BufferCopies.write(this, MemorySegment.ofArray(src));
    }

    /**
     * Copies the device memory to the host view and reads the start of the buffer into {@code dst}.
     *
     * @throws IllegalArgumentException if {@code dst} is larger than the buffer
     */
    default void read(float[] dst) {
        BufferCopies.read(this, MemorySegment.ofArray(dst));
    }

    /** Copies the device memory to the host and reads the start of the buffer into {@code dst}. */
    default void read(double[] dst) {
        BufferCopies.read(this, MemorySegment.ofArray(dst));
    }

    /** Copies the device memory to the host and reads the start of the buffer into {@code dst}. */
    default void read(int[] dst) {
        BufferCopies.read(this, MemorySegment.ofArray(dst));
    }

    /** Copies the device memory to the host and reads the start of the buffer into {@code dst}. */
    default void read(long[] dst) {
        BufferCopies.read(this, MemorySegment.ofArray(dst));
    }

    /** Copies the device memory to the host and reads the start of the buffer into {@code dst}. */
    default void read(byte[] dst) {
        BufferCopies.read(this, MemorySegment.ofArray(dst));
    }
}
