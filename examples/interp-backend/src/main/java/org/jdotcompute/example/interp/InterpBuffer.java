package org.jdotcompute.example.interp;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;

import org.jdotcompute.api.DeviceBuffer;

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
     * The device memory as a new array of {@code element}s ({@code boolean}: a byte, non-zero is true).
     *
     * @throws IllegalStateException    if the buffer is closed
     * @throws IllegalArgumentException if it holds more elements than a Java array can
     */
    synchronized Object toArray(Class<?> element, int argument, String kernel) {
        if (closed) {
            throw new IllegalStateException("argument " + argument + " of kernel '" + kernel + "' is " + this
                    + ", which is closed; allocate a new buffer");
        }
        long count = size / bytes(element);
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("argument " + argument + " of kernel '" + kernel + "' is " + this
                    + ", " + count + " " + element + " elements; a Java kernel's arrays hold at most "
                    + (Integer.MAX_VALUE - 8) + ": split the data");
        }
        if (element == boolean.class) {
            boolean[] a = new boolean[(int) count];
            for (int i = 0; i < a.length; i++) {
                a[i] = device.get(ValueLayout.JAVA_BYTE, i) != 0;
            }
            return a;
        } else if (element == byte.class) {
            return device.toArray(ValueLayout.JAVA_BYTE);
        } else if (element == char.class) {
            return device.toArray(ValueLayout.JAVA_CHAR);
        } else if (element == short.class) {
            return device.toArray(ValueLayout.JAVA_SHORT);
        } else if (element == int.class) {
            return device.toArray(ValueLayout.JAVA_INT);
        } else if (element == long.class) {
            return device.toArray(ValueLayout.JAVA_LONG);
        } else if (element == float.class) {
            return device.toArray(ValueLayout.JAVA_FLOAT);
        } else if (element == double.class) {
            return device.toArray(ValueLayout.JAVA_DOUBLE);
        }
        throw new IllegalArgumentException(element + " is not a primitive element type");
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
        if (array instanceof boolean[] a) {
            for (int i = 0; i < a.length; i++) {
                device.set(ValueLayout.JAVA_BYTE, i, a[i] ? (byte) 1 : (byte) 0);
            }
        } else {
            MemorySegment src = switch (array) {
                case byte[] b -> MemorySegment.ofArray(b);
                case char[] c -> MemorySegment.ofArray(c);
                case short[] s -> MemorySegment.ofArray(s);
                case int[] i -> MemorySegment.ofArray(i);
                case long[] l -> MemorySegment.ofArray(l);
                case float[] f -> MemorySegment.ofArray(f);
                case double[] d -> MemorySegment.ofArray(d);
                default -> throw new IllegalArgumentException(array.getClass() + " is not a primitive array");
            };
            MemorySegment.copy(src, 0, device, 0, src.byteSize());
        }
    }

    private static long bytes(Class<?> element) {
        if (element == boolean.class || element == byte.class) {
            return 1;
        } else if (element == char.class || element == short.class) {
            return 2;
        } else if (element == int.class || element == float.class) {
            return 4;
        } else if (element == long.class || element == double.class) {
            return 8;
        }
        throw new IllegalArgumentException(element + " is not a primitive element type");
    }

    @Override
    public String toString() {
        return "buffer of " + size + " bytes of the " + InterpBackendProvider.DISPLAY_NAME + " backend";
    }
}
