package org.jdotcompute.api;

import java.lang.invoke.MethodHandles;
import java.nio.file.Path;
import java.util.List;

import org.jdotcompute.api.bridge.EngineBridge;
import org.jdotcompute.api.bridge.RuntimeSettings;
import org.jdotcompute.api.exceptions.AllocationException;
import org.jdotcompute.api.exceptions.BackendNotAvailableException;
import org.jdotcompute.api.exceptions.ComputeOutOfMemoryException;
import org.jdotcompute.api.exceptions.DeviceKernelException;
import org.jdotcompute.api.exceptions.KernelCompilationException;
import org.jdotcompute.api.ring.RingKernelRuntime;

/**
 * A compute runtime bound to one backend and one of its devices: compiles and launches
 * kernels, allocates device memory and hosts ring kernels.
 *
 * <p>{@link #create()} picks the highest-priority available backend, or the one named by
 * {@code -Djdotcompute.backend=ID}; {@link #builder()} chooses explicitly. An explicit choice
 * either gets that backend or fails with {@link BackendNotAvailableException} — never another
 * backend.
 *
 * <p>Thread-safe: kernels may be compiled and launched from several threads. Closing the
 * runtime closes its kernels, buffers and ring kernels; using it afterwards throws
 * {@link IllegalStateException}.
 */
public interface ComputeRuntime extends AutoCloseable {

    /**
     * Creates a runtime on the best available backend, or on the backend named by the system
     * property {@value SystemProperties#BACKEND}.
     *
     * @throws BackendNotAvailableException if the property names a backend that is absent or
     *                                      unavailable (the cause says why)
     */
    static ComputeRuntime create() {
        return builder().build();
    }

    /** Returns a builder for a runtime with explicit settings. */
    static Builder builder() {
        return new RuntimeBuilder();
    }

    /**
     * Lists every backend provider found on the module path, the class path and in plugin
     * directories named by {@value SystemProperties#PLUGINS}, without opening any of them.
     */
    static List<BackendStatus> discover() {
        return EngineBridge.load().discover(RuntimeSettings.fromSystemProperties());
    }

    /** The backend this runtime runs on. */
    BackendInfo backend();

    /** Every backend provider that was discovered when this runtime was created. */
    List<BackendStatus> discoveredBackends();

    /**
     * The backend plugins this runtime sees: the manager given to
     * {@link Builder#plugins(PluginManager)}, or the one this runtime loaded from
     * {@link Builder#pluginDirectory(Path)} (or {@value SystemProperties#PLUGINS}) and closes when
     * it closes, or an empty one. Unloading the plugin this runtime's backend comes from closes
     * this runtime.
     */
    PluginManager plugins();

    /** The device-side check mode kernels are compiled with. */
    CheckMode checks();

    /**
     * Compiles the kernel method {@code methodName} of {@code owner} for this runtime's backend.
     * The method must be {@code static void}, take a {@link KernelContext} first and then only
     * primitives and primitive arrays. It must be accessible to JDotCompute: {@code public} in
     * an exported package, or in a package opened to {@code org.jdotcompute.spi}; otherwise use
     * {@link #compile(MethodHandles.Lookup, String)}.
     *
     * @throws KernelCompilationException if the method is missing, has the wrong shape, or uses
     *                                    a construct the backend cannot translate
     */
    CompiledKernel compile(Class<?> owner, String methodName);

    /**
     * Compiles the kernel method {@code methodName} of {@code lookup.lookupClass()}, using the
     * caller's lookup for access (no {@code opens} needed).
     *
     * @throws KernelCompilationException as {@link #compile(Class, String)}
     */
    CompiledKernel compile(MethodHandles.Lookup lookup, String methodName);

    /**
     * Compiles a kernel written in this backend's native dialect (OpenCL C for {@code opencl},
     * CUDA C for {@code cuda}, MSL for {@code metal}) — the escape hatch for code the Java front
     * end does not accept. Such a kernel runs without Java's checks: a fault in it (e.g. an
     * integer division by zero on an OpenCL CPU device) is the native code's, and may take the JVM
     * down with a crash report rather than raise a Java exception.
     *
     * @throws KernelCompilationException if the backend has no source dialect, or the source does
     *                                    not compile ({@link KernelCompilationException#compilerLog()}
     *                                    holds the compiler's log)
     */
    CompiledKernel compileSource(SourceKernel source);

    /**
     * Launches {@code kernel} over {@code range} and waits for it to finish. Primitive arrays are
     * copied to the device before the launch and back after it: when this method returns, the
     * results are in the arrays. Scalars are passed by value; {@link DeviceBuffer}s (allowed for
     * array parameters) stay resident.
     *
     * @throws IllegalArgumentException if the argument count or a type does not match the kernel
     *                                  (names the parameter index, expected and actual type), or
     *                                  the range does not suit the kernel
     * @throws DeviceKernelException    if a work-item failed; its cause is the Java exception
     */
    void launch(CompiledKernel kernel, Range range, Object... args);

    /** The ring-kernel runtime that shares this runtime's backend; closed with this runtime. */
    RingKernelRuntime ringKernels();

    /**
     * Allocates {@code bytes} of device memory.
     *
     * @throws AllocationException         for a negative size or a closed runtime
     * @throws ComputeOutOfMemoryException if the device (or the configured limit) cannot hold it
     */
    DeviceBuffer allocate(long bytes);

    /** Allocates room for {@code count} floats; see {@link #allocate(long)}. */
    default DeviceBuffer allocateFloats(long count) {
        return allocate(ElementSizes.bytes(count, Float.BYTES, "floats"));
    }

    /** Allocates room for {@code count} doubles; see {@link #allocate(long)}. */
    default DeviceBuffer allocateDoubles(long count) {
        return allocate(ElementSizes.bytes(count, Double.BYTES, "doubles"));
    }

    /** Allocates room for {@code count} ints; see {@link #allocate(long)}. */
    default DeviceBuffer allocateInts(long count) {
        return allocate(ElementSizes.bytes(count, Integer.BYTES, "ints"));
    }

    /** Allocates room for {@code count} longs; see {@link #allocate(long)}. */
    default DeviceBuffer allocateLongs(long count) {
        return allocate(ElementSizes.bytes(count, Long.BYTES, "longs"));
    }

    /** Memory counters of this runtime (allocations, pool reuse, bytes in use). */
    MemoryStats memoryStats();

    /** Whether {@link #close()} has been called. */
    boolean isClosed();

    /** Closes the ring kernels, buffers, kernels and the backend. Idempotent. */
    @Override
    void close();

    /**
     * Settings for a runtime. Not thread-safe; confine a builder to one thread.
     */
    interface Builder {
        /** Selects backend {@code id} explicitly: that backend, or {@link BackendNotAvailableException}. */
        Builder backend(String id);

        /** The device-side check mode: {@code NONE}, {@code USER}, {@code INDEX} (default), {@code FULL}. */
        Builder checks(CheckMode mode);

        /**
         * Loads backend plugins from {@code dir} (one plugin per sub-directory or jar) into a
         * {@link PluginManager} that the runtime owns and closes. Adds to the directories of
         * {@value SystemProperties#PLUGINS}. The directory is checked when the runtime is built
         * (or {@link #discover()} runs): a missing or unreadable one throws
         * {@link IllegalArgumentException} naming it.
         *
         * @throws IllegalStateException if {@link #plugins(PluginManager)} was set
         */
        Builder pluginDirectory(Path dir);

        /**
         * Uses the plugins of {@code plugins}, which the application owns and closes (it may serve
         * several runtimes). Replaces the directories of {@value SystemProperties#PLUGINS}.
         *
         * @throws IllegalStateException if {@link #pluginDirectory(Path)} was called; add the
         *                               directory to the manager instead
         */
        Builder plugins(PluginManager plugins);

        /**
         * Caps the device memory this runtime may allocate, in bytes (default: what the device
         * can give). A request over the cap throws {@link ComputeOutOfMemoryException}.
         */
        Builder memoryLimit(long bytes);

        /** Lists the backends these settings would discover, without opening any. */
        List<BackendStatus> discover();

        /** Creates the runtime. */
        ComputeRuntime build();
    }
}
