package org.jdotcompute.spi.internal.plugin;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import org.jdotcompute.spi.BackendKernel;

/**
 * A kernel compiled by a plugin's backend. Closing it closes the plugin's kernel and lets go of
 * it, so a closed kernel a user still holds does not keep the plugin's classes in memory.
 * Thread-safe.
 */
final class PluginKernel implements BackendKernel {
    private record Live(BackendKernel delegate, ClassLoader loader) {
    }

    private final String name;
    private final String backend;
    private final AtomicReference<Live> live;

    PluginKernel(BackendKernel delegate, ClassLoader loader, String backend) {
        Objects.requireNonNull(delegate, "delegate");
        this.name = ContextLoader.call(loader, delegate::name);
        this.backend = backend;
        this.live = new AtomicReference<>(new Live(delegate, loader));
    }

    /** The plugin's kernel, for a launch. */
    BackendKernel delegate() {
        Live l = live.get();
        if (l == null) {
            throw new IllegalStateException("kernel '" + name + "' of " + backend + " is closed; compile it again");
        }
        return l.delegate();
    }

    @Override
    public String name() {
        return name;
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
        return "kernel '" + name + "' of " + backend;
    }
}
