package org.jdotcompute.api;

import java.nio.file.Path;
import java.util.List;

import org.jdotcompute.api.bridge.EngineBridge;
import org.jdotcompute.api.exceptions.ComputeExceptionGroup;

/**
 * Backend plugins loaded at run time from explicitly given plugin directories, each plugin in its
 * own JPMS module layer. Every sub-directory of a plugin directory (its jars are the plugin's
 * module path) and every jar file directly in it is one plugin. A plugin's layer has the layer of
 * {@code org.jdotcompute.spi} as its parent, so the platform's {@code api}, {@code spi} and the
 * shared JNI bindings (LWJGL, JCuda) come from the application, and two plugins may bundle
 * different versions of the same library module. Nothing else is scanned: not the working
 * directory, not the class path.
 *
 * <p>A plugin that cannot be loaded (it bundles its own copy of {@code org.jdotcompute.api} or
 * {@code org.jdotcompute.spi}, has a split package, misses a dependency, …) is listed as
 * {@link PluginState#FAILED} with the reason, and reported as an unavailable backend
 * {@code plugin:ID} by {@link ComputeRuntime#discoveredBackends()}; the other plugins keep
 * working. A provider that throws or implements another SPI version is reported unavailable,
 * like any other provider.
 *
 * <p>Who owns it: the application, when it creates one with {@link #open(List)} and hands it to
 * runtimes with {@link ComputeRuntime.Builder#plugins(PluginManager)} — it then outlives those
 * runtimes and the application closes it; or a runtime, when its builder was given
 * {@link ComputeRuntime.Builder#pluginDirectory(Path)} (or {@code -Djdotcompute.plugins}) — the
 * runtime closes it when it closes. {@link ComputeRuntime#plugins()} returns it in both cases.
 *
 * <p>{@link #unload(String)} closes every runtime whose backend comes from the plugin, interrupts
 * and waits for the threads the plugin left running, and drops its module layer: its classes are
 * garbage-collected once the application holds no object of the plugin's classes (runtimes,
 * kernels and buffers of the engine release theirs when closed). {@link #reload(String)} loads it
 * again from its location, e.g. after its jar was replaced; runtimes created afterwards use the
 * new version.
 *
 * <p>Thread-safe: loading, unloading and reloading are serialised.
 */
public interface PluginManager extends AutoCloseable {

    /**
     * Loads the plugins of {@code directories}, in order (within a directory, by file name).
     *
     * @throws IllegalArgumentException if a directory does not exist, is not a directory or cannot
     *                                  be read, or two plugins have the same id (names them)
     * @throws IllegalStateException    if {@code org.jdotcompute.spi} is not on the module path
     */
    static PluginManager open(List<Path> directories) {
        return EngineBridge.load().openPlugins(directories);
    }

    /** Loads the plugins of {@code directories}; see {@link #open(List)}. */
    static PluginManager open(Path... directories) {
        return open(List.of(directories));
    }

    /** The plugin directories, as given. */
    List<Path> directories();

    /**
     * Every plugin, in load order, whatever its state.
     *
     * @throws IllegalStateException if this manager is closed
     */
    List<PluginInfo> plugins();

    /**
     * The plugin with id {@code id}.
     *
     * @throws IllegalArgumentException if there is none (names the ids there are)
     * @throws IllegalStateException    if this manager is closed
     */
    PluginInfo plugin(String id);

    /**
     * Unloads plugin {@code id}: closes every runtime whose backend it provides, stops its threads
     * and drops its module layer. Unloading a plugin that is not loaded only marks it unloaded.
     *
     * @return the plugin, now {@link PluginState#UNLOADED}
     * @throws IllegalArgumentException if there is no such plugin
     * @throws IllegalStateException    if this manager is closed
     * @throws ComputeExceptionGroup    if closing a runtime failed, or threads of the plugin did not
     *                                  stop after an interrupt; the plugin is unloaded all the same
     */
    PluginInfo unload(String id);

    /**
     * Unloads plugin {@code id} (as {@link #unload(String)}) and loads it again from its location.
     *
     * @return the plugin, {@link PluginState#LOADED} or {@link PluginState#FAILED} with the reason
     * @throws IllegalArgumentException if there is no such plugin
     * @throws IllegalStateException    if this manager is closed
     * @throws ComputeExceptionGroup    as {@link #unload(String)}; the plugin is not loaded again then
     */
    PluginInfo reload(String id);

    /** Whether {@link #close()} has been called. */
    boolean isClosed();

    /**
     * Unloads every plugin, as {@link #unload(String)}. Idempotent.
     *
     * @throws ComputeExceptionGroup if unloading failed for some; all are unloaded all the same
     */
    @Override
    void close();
}
