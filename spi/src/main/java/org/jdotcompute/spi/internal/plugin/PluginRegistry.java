package org.jdotcompute.spi.internal.plugin;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jdotcompute.api.BackendStatus;
import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.api.PluginInfo;
import org.jdotcompute.api.PluginManager;
import org.jdotcompute.api.PluginState;
import org.jdotcompute.api.exceptions.BackendNotAvailableException;
import org.jdotcompute.api.exceptions.ComputeException;
import org.jdotcompute.api.exceptions.ComputeExceptionGroup;
import org.jdotcompute.spi.Availability;
import org.jdotcompute.spi.Backend;
import org.jdotcompute.spi.BackendProvider;
import org.jdotcompute.spi.internal.engine.DiscoveredProvider;
import org.jdotcompute.spi.internal.engine.Discovery;

/**
 * The {@link PluginManager}: the plugins of some plugin directories, each loaded into its own
 * module layer, and the backends opened from them.
 *
 * <p>Where it lives: no static state. A registry belongs to whoever opened it — the application
 * ({@link PluginManager#open(List)}), or one runtime (built with plugin directories), which
 * closes it when it closes. Two registries on the same directory are independent (each has its
 * own layers), so one application part unloading a plugin never pulls it from under another.
 *
 * <p>Thread-safe: loading, unloading, reloading and opening a backend from a plugin are
 * serialised by one lock; closing a runtime detaches its backend without it.
 */
public final class PluginRegistry implements PluginManager {
    private static final Logger LOG = System.getLogger(PluginRegistry.class.getName());
    /** How long unloading waits for a plugin's threads to end after interrupting them. */
    static final Duration THREAD_STOP_TIMEOUT = Duration.ofSeconds(5);

    /** One plugin's current state. */
    private sealed interface Slot {
        PluginSource source();

        PluginInfo info();
    }

    private record Live(PluginSource source, LoadedPlugin plugin) implements Slot {
        @Override
        public PluginInfo info() {
            return plugin.info();
        }
    }

    /** A failed plugin and how discovery reports it: an unavailable backend {@code plugin:ID}. */
    private record Failed(PluginSource source, PluginInfo info, DiscoveredProvider status) implements Slot {
    }

    private record Unloaded(PluginSource source, PluginInfo info) implements Slot {
    }

    private final List<Path> directories;
    private final Optional<ParentLayer> parent;
    private final Map<String, String> builtInIds;
    private final Duration threadStopTimeout;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Slot> slots = new LinkedHashMap<>();
    private volatile boolean closed;

    private PluginRegistry(List<Path> directories, Optional<ParentLayer> parent, Map<String, String> builtInIds,
            Duration threadStopTimeout) {
        this.directories = List.copyOf(directories);
        this.parent = parent;
        this.builtInIds = Map.copyOf(builtInIds);
        this.threadStopTimeout = Objects.requireNonNull(threadStopTimeout, "threadStopTimeout");
    }

    /** A registry without plugin directories: it lists nothing. */
    public static PluginRegistry empty() {
        return new PluginRegistry(List.of(), Optional.empty(), Map.of(), THREAD_STOP_TIMEOUT);
    }

    /**
     * Loads the plugins of {@code directories}.
     *
     * @param builtIn the platform's providers (module path and class path): a plugin's backend may
     *                not reuse their ids
     * @throws IllegalArgumentException if a directory is missing, not a directory or unreadable, or
     *                                  two plugins have the same id
     * @throws IllegalStateException    if {@code org.jdotcompute.spi} is not on the module path
     */
    public static PluginRegistry open(List<Path> directories, List<DiscoveredProvider> builtIn) {
        return open(directories, builtIn, THREAD_STOP_TIMEOUT);
    }

    static PluginRegistry open(List<Path> directories, List<DiscoveredProvider> builtIn, Duration threadStopTimeout) {
        if (directories.isEmpty()) {
            return new PluginRegistry(List.of(), Optional.empty(), Map.of(), threadStopTimeout);
        }
        List<PluginSource> sources = PluginLoader.sources(directories);
        ParentLayer parent = ParentLayer.of(PluginRegistry.class.getModule());
        Map<String, String> ids = new HashMap<>();
        for (DiscoveredProvider d : builtIn) {
            ids.putIfAbsent(d.id(), Discovery.describe(d));
        }
        PluginRegistry registry = new PluginRegistry(directories, Optional.of(parent), ids, threadStopTimeout);
        registry.lock.lock();
        try {
            for (PluginSource source : sources) {
                registry.slots.put(source.id(), registry.load(source));
            }
        } catch (RuntimeException | Error e) {
            try {
                registry.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        } finally {
            registry.lock.unlock();
        }
        return registry;
    }

    private Slot load(PluginSource source) {
        ParentLayer layer = parent.orElseThrow();
        Map<String, String> taken = new HashMap<>(builtInIds);
        for (Slot s : slots.values()) {
            if (s instanceof Live live && !live.source().id().equals(source.id())) {
                for (DiscoveredProvider d : live.plugin().providers()) {
                    if (d.available()) {
                        taken.putIfAbsent(d.id(), Discovery.describe(d));
                    }
                }
            }
        }
        PluginLoader.Outcome outcome;
        try {
            outcome = PluginLoader.load(source, layer, taken);
        } catch (RuntimeException e) { // a JDK API failing in a way PluginLoader does not foresee
            outcome = new PluginLoader.Failed(source.describe() + " could not be loaded: " + e, Optional.of(e), "",
                    List.of());
        }
        return switch (outcome) {
            case PluginLoader.Loaded loaded -> {
                LoadedPlugin plugin = new LoadedPlugin(source, loaded);
                LOG.log(Level.INFO, () -> "JDotCompute loaded " + source.describe() + ", version "
                        + (loaded.version().isEmpty() ? "unknown" : loaded.version()) + ", modules "
                        + loaded.modules() + ", backends: " + loaded.providers().stream()
                        .map(d -> d.id() + (d.available() ? " (available)" : " (unavailable)"))
                        .collect(Collectors.joining(", ")));
                yield new Live(source, plugin);
            }
            case PluginLoader.Failed failed -> {
                LOG.log(Level.WARNING, () -> "JDotCompute could not load a plugin: " + failed.reason());
                Availability unavailable = failed.cause().map(c -> Availability.unavailable(failed.reason(), c))
                        .orElseGet(() -> Availability.unavailable(failed.reason()));
                DiscoveredProvider status = new DiscoveredProvider("plugin:" + source.id(), "plugin " + source.id(),
                        Optional.empty(), unavailable, failed.version(), source.location().toString(),
                        Integer.MIN_VALUE);
                yield new Failed(source, new PluginInfo(source.id(), failed.version(), source.location(),
                        PluginState.FAILED, failed.reason(), failed.modules(), List.of()), status);
            }
        };
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(this + " is closed; open a new PluginManager");
        }
    }

    private Slot slot(String id) {
        Objects.requireNonNull(id, "id");
        Slot s = slots.get(id);
        if (s == null) {
            throw new IllegalArgumentException("no plugin has the id '" + id + "'; the plugins are: "
                    + (slots.isEmpty() ? "(none)" : String.join(", ", slots.keySet()))
                    + (directories.isEmpty() ? " (no plugin directory was given)" : " (from " + directories + ")"));
        }
        return s;
    }

    @Override
    public List<Path> directories() {
        return directories;
    }

    @Override
    public List<PluginInfo> plugins() {
        lock.lock();
        try {
            ensureOpen();
            return slots.values().stream().map(Slot::info).toList();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public PluginInfo plugin(String id) {
        lock.lock();
        try {
            ensureOpen();
            return slot(id).info();
        } finally {
            lock.unlock();
        }
    }

    /**
     * For the engine: the providers of the loaded plugins, and for each failed plugin an
     * unavailable entry {@code plugin:ID} with the reason. Empty once closed.
     */
    public List<DiscoveredProvider> discovered() {
        lock.lock();
        try {
            List<DiscoveredProvider> found = new ArrayList<>();
            for (Slot s : slots.values()) {
                switch (s) {
                    case Live live -> found.addAll(live.plugin().providers());
                    case Failed failed -> found.add(failed.status());
                    case Unloaded unloaded -> {
                        // nothing to report: an unloaded plugin provides no backend
                    }
                }
            }
            return List.copyOf(found);
        } finally {
            lock.unlock();
        }
    }

    /** For the engine: the statuses of {@link #discovered()}. */
    public List<BackendStatus> statuses() {
        return discovered().stream().map(DiscoveredProvider::status).toList();
    }

    /**
     * For the engine: opens {@code chosen}, a provider from {@link #discovered()}, and makes the
     * runtime on it, while no unload can interleave. The backend is wrapped (see
     * {@link PluginBackend}) and recorded, so that unloading the plugin closes the runtime.
     *
     * @param open opens the provider, mapping its failures to {@link BackendNotAvailableException}
     * @param make makes the runtime on the (wrapped) backend
     * @throws BackendNotAvailableException if the plugin was unloaded meanwhile, or opening failed
     */
    public <R extends ComputeRuntime> R openRuntime(DiscoveredProvider chosen, Function<BackendProvider, Backend> open,
            Function<Backend, R> make) {
        lock.lock();
        try {
            ensureOpen();
            LoadedPlugin plugin = liveOwner(chosen).orElseThrow(() -> new BackendNotAvailableException(
                    chosen.displayName(), new ComputeException("the plugin of backend '" + chosen.id() + "' ("
                            + chosen.location() + ") was unloaded while the runtime was being created;"
                            + " build the runtime again")));
            BackendProvider provider = chosen.provider().orElseThrow();
            Backend raw = ContextLoader.call(plugin.loader(), () -> open.apply(provider));
            PluginBackend backend;
            try {
                backend = new PluginBackend(plugin, chosen.id(), raw);
            } catch (RuntimeException e) {
                closeAfterFailure(raw, plugin.loader(), e);
                throw new BackendNotAvailableException(chosen.displayName(), e);
            }
            R runtime;
            try {
                runtime = make.apply(backend);
            } catch (RuntimeException e) {
                closeAfterFailure(backend, plugin.loader(), e);
                throw e;
            }
            backend.ownedBy(runtime);
            return runtime;
        } finally {
            lock.unlock();
        }
    }

    private Optional<LoadedPlugin> liveOwner(DiscoveredProvider d) {
        for (Slot s : slots.values()) {
            if (s instanceof Live live && live.plugin().provides(d)) {
                return Optional.of(live.plugin());
            }
        }
        return Optional.empty();
    }

    private static void closeAfterFailure(Backend backend, ClassLoader loader, RuntimeException failure) {
        try {
            ContextLoader.run(loader, backend::close);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    @Override
    public PluginInfo unload(String id) {
        lock.lock();
        try {
            ensureOpen();
            Slot s = slot(id);
            List<Throwable> failures = new ArrayList<>();
            PluginInfo info = unload(s, failures);
            if (!failures.isEmpty()) {
                throw new ComputeExceptionGroup("unloading " + s.source().describe(), failures);
            }
            return info;
        } finally {
            lock.unlock();
        }
    }

    /** Unloads the plugin of {@code s}; failures are added to {@code failures}, the plugin is unloaded all the same. */
    private PluginInfo unload(Slot s, List<Throwable> failures) {
        return switch (s) {
            case Unloaded u -> u.info();
            case Failed f -> {
                PluginInfo info = new PluginInfo(f.info().id(), f.info().version(), f.info().location(),
                        PluginState.UNLOADED, "", f.info().modules(), List.of());
                slots.put(f.source().id(), new Unloaded(f.source(), info));
                yield info;
            }
            case Live live -> {
                LoadedPlugin plugin = live.plugin();
                PluginInfo info = plugin.unloadedInfo();
                // First drop it from the registry: a runtime closing below may close this registry too.
                slots.put(live.source().id(), new Unloaded(live.source(), info));
                for (PluginBackend backend : plugin.backends()) {
                    try {
                        backend.closeOwner();
                    } catch (Exception e) {
                        failures.add(e);
                    }
                }
                stopThreads(plugin, failures);
                LOG.log(Level.INFO, () -> "JDotCompute unloaded " + live.source().describe());
                yield info;
            }
        };
    }

    /** Interrupts the live threads of the plugin and waits for them to end. */
    private void stopThreads(LoadedPlugin plugin, List<Throwable> failures) {
        ClassLoader loader = plugin.loader();
        List<Thread> threads = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t != Thread.currentThread() && t.isAlive()
                        && (t.getContextClassLoader() == loader || t.getClass().getClassLoader() == loader))
                .toList();
        if (threads.isEmpty()) {
            return;
        }
        LOG.log(Level.INFO, () -> "JDotCompute interrupts the threads " + names(threads) + " of "
                + plugin.source().describe() + ", which is being unloaded");
        threads.forEach(Thread::interrupt);
        long deadline = System.nanoTime() + threadStopTimeout.toNanos();
        boolean interrupted = false;
        for (Thread t : threads) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) {
                    t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
            } catch (InterruptedException e) {
                interrupted = true;
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        List<Thread> alive = threads.stream().filter(Thread::isAlive).toList();
        if (!alive.isEmpty()) {
            failures.add(new IllegalStateException(plugin.source().describe() + " was unloaded, but its thread(s) "
                    + names(alive) + " did not stop within " + threadStopTimeout.toMillis()
                    + " ms after an interrupt; its classes stay in memory until they end. The backend's close()"
                    + " must stop the threads it started"));
        }
    }

    private static String names(List<Thread> threads) {
        return threads.stream().map(t -> "'" + t.getName() + "'").collect(Collectors.joining(", "));
    }

    @Override
    public PluginInfo reload(String id) {
        lock.lock();
        try {
            ensureOpen();
            Slot s = slot(id);
            List<Throwable> failures = new ArrayList<>();
            unload(s, failures);
            if (!failures.isEmpty()) {
                throw new ComputeExceptionGroup("reloading " + s.source().describe()
                        + " (it stays unloaded; reload it again once this is fixed)", failures);
            }
            Slot loaded = load(s.source());
            slots.put(id, loaded);
            LOG.log(Level.INFO, () -> "JDotCompute reloaded " + s.source().describe() + ": " + loaded.info().state());
            return loaded.info();
        } finally {
            lock.unlock();
        }
    }

    /**
     * For tests: the layer of plugin {@code id} while it is loaded.
     */
    Optional<ModuleLayer> layer(String id) {
        lock.lock();
        try {
            return slots.get(id) instanceof Live live ? Optional.of(live.plugin().layer()) : Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            List<Throwable> failures = new ArrayList<>();
            for (Slot s : List.copyOf(slots.values())) {
                List<Throwable> own = new ArrayList<>();
                unload(s, own);
                if (!own.isEmpty()) {
                    failures.add(new ComputeExceptionGroup("unloading " + s.source().describe(), own));
                }
            }
            if (!failures.isEmpty()) {
                throw new ComputeExceptionGroup("closing " + this, failures);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "PluginManager" + directories;
    }
}
