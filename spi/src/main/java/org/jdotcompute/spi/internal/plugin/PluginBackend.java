package org.jdotcompute.spi.internal.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import org.jdotcompute.api.Capabilities;
import org.jdotcompute.api.DeviceBuffer;
import org.jdotcompute.api.DeviceInfo;
import org.jdotcompute.api.MemoryStats;
import org.jdotcompute.api.Range;
import org.jdotcompute.api.SourceKernel;
import org.jdotcompute.spi.Backend;
import org.jdotcompute.spi.BackendKernel;
import org.jdotcompute.spi.KernelRequest;

/**
 * A plugin's open backend as the engine sees it. Every call runs with the plugin's class loader
 * as context class loader (threads the backend starts inherit it, so unloading can find them);
 * kernels and buffers come back wrapped; closing closes the plugin's backend, detaches it from
 * its plugin and lets go of every object of the plugin, keeping only values (device,
 * capabilities, final counters). Thread-safe, as {@link Backend}.
 */
final class PluginBackend implements Backend {
    private record Live(Backend delegate, LoadedPlugin plugin) {
    }

    private final String description;
    private final DeviceInfo device;
    private final Capabilities capabilities;
    private final AtomicReference<Live> live;
    private volatile AutoCloseable owner;
    private volatile long finalLaunchCount;
    private volatile MemoryStats finalMemoryStats = new MemoryStats(0, 0, 0, 0, 0, 0);

    /** Wraps {@code delegate}, opened from {@code plugin}; reads its device and capabilities once. */
    PluginBackend(LoadedPlugin plugin, String backendId, Backend delegate) {
        Objects.requireNonNull(delegate, "delegate");
        this.description = "backend '" + backendId + "' of " + plugin.source().describe();
        this.device = Objects.requireNonNull(ContextLoader.call(plugin.loader(), delegate::device),
                () -> description + " returned no device()");
        this.capabilities = Objects.requireNonNull(ContextLoader.call(plugin.loader(), delegate::capabilities),
                () -> description + " returned no capabilities()");
        this.live = new AtomicReference<>(new Live(delegate, plugin));
    }

    /** Records the runtime this backend serves; unloading the plugin closes it. */
    void ownedBy(AutoCloseable runtime) {
        Live l = live();
        this.owner = runtime;
        l.plugin().attach(this);
    }

    /** Closes the runtime this backend serves (which closes this backend), or this backend if it has none. */
    void closeOwner() throws Exception {
        AutoCloseable o = owner;
        if (o != null) {
            o.close();
        }
        close();
    }

    private Live live() {
        Live l = live.get();
        if (l == null) {
            throw new IllegalStateException(description + " is closed: its runtime was closed or its plugin unloaded");
        }
        return l;
    }

    private ClassLoader loader(Live l) {
        return l.plugin().loader();
    }

    @Override
    public DeviceInfo device() {
        return device;
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    @Override
    public BackendKernel compile(KernelRequest request) {
        Live l = live();
        BackendKernel k = ContextLoader.call(loader(l), () -> l.delegate().compile(request));
        return new PluginKernel(k, loader(l), description);
    }

    @Override
    public BackendKernel compileSource(SourceKernel source) {
        Live l = live();
        BackendKernel k = ContextLoader.call(loader(l), () -> l.delegate().compileSource(source));
        return new PluginKernel(k, loader(l), description);
    }

    @Override
    public void launch(BackendKernel kernel, Range range, List<Object> arguments) {
        Live l = live();
        if (!(kernel instanceof PluginKernel pk)) {
            throw new IllegalArgumentException(kernel + " was not compiled by " + description);
        }
        List<Object> unwrapped = new ArrayList<>(arguments.size());
        for (Object a : arguments) {
            unwrapped.add(a instanceof PluginBuffer b ? b.delegate() : a);
        }
        BackendKernel k = pk.delegate();
        ContextLoader.run(loader(l), () -> l.delegate().launch(k, range, unwrapped));
    }

    @Override
    public DeviceBuffer allocate(long bytes) {
        Live l = live();
        DeviceBuffer b = ContextLoader.call(loader(l), () -> l.delegate().allocate(bytes));
        return new PluginBuffer(b, loader(l), description);
    }

    @Override
    public MemoryStats memoryStats() {
        Live l = live.get();
        return l == null ? finalMemoryStats : ContextLoader.call(loader(l), l.delegate()::memoryStats);
    }

    @Override
    public long launchCount() {
        Live l = live.get();
        return l == null ? finalLaunchCount : ContextLoader.call(loader(l), l.delegate()::launchCount);
    }

    @Override
    public void synchronize() {
        Live l = live();
        ContextLoader.run(loader(l), l.delegate()::synchronize);
    }

    @Override
    public void close() {
        Live l = live.getAndSet(null);
        if (l == null) {
            return;
        }
        owner = null;
        try {
            ContextLoader.run(loader(l), () -> {
                try {
                    finalLaunchCount = l.delegate().launchCount();
                    finalMemoryStats = l.delegate().memoryStats();
                } finally {
                    l.delegate().close();
                }
            });
        } finally {
            l.plugin().detach(this);
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
