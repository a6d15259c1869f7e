package org.jdotcompute.spi.internal.plugin;

import java.lang.foreign.MemorySegment;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import org.jdotcompute.api.DeviceBuffer;

/**
 * A buffer allocated by a plugin's backend. Closing it closes the plugin's buffer and lets go of
 * it. Thread-safety as {@link DeviceBuffer}.
 */
final class PluginBuffer implements DeviceBuffer {
    private record Live(DeviceBuffer delegate, ClassLoader loader) {
    }

    private final long byteSize;
    private final String backend;
    private final AtomicReference<Live> live;

    PluginBuffer(DeviceBuffer delegate, ClassLoader loader, String backend) {
        Objects.requireNonNull(delegate, "delegate");
        this.byteSize = ContextLoader.call(loader, delegate::byteSize);
        this.backend = backend;
        this.live = new AtomicReference<>(new Live(delegate, loader));
    }

    private Live live() {
        Live l = live.get();
        if (l == null) {
            throw new IllegalStateException(this + " is closed");
        }
        return l;
    }

    /** The plugin's buffer, for a launch. */
    DeviceBuffer delegate() {
        return live().delegate();
    }

    @Override
    public long byteSize() {
        return byteSize;
    }

    @Override
    public MemorySegment hostSegment() {
        Live l = live();
        return ContextLoader.call(l.loader(), l.delegate()::hostSegment);
    }

    @Override
    public void copyToDevice() {
        Live l = live();
        ContextLoader.run(l.loader(), l.delegate()::copyToDevice);
    }

    @Override
    public void copyToHost() {
        Live l = live();
        ContextLoader.run(l.loader(), l.delegate()::copyToHost);
    }

    @Override
    public boolean isClosed() {
        Live l = live.get();
        return l == null || ContextLoader.call(l.loader(), l.delegate()::isClosed);
    }

    @Override
    public void close() {
        Live l = live.getAndSet(null);
        if (l != null) {
            ContextLoader.run(l.loader(), l.delegate()::close);
        }
    }

    @Override
    public String toString() {
        return "DeviceBuffer of " + byteSize + " bytes of " + backend;
    }
}
