package org.jdotcompute.spi;

import java.util.List;

import org.jdotcompute.api.Capabilities;
import org.jdotcompute.api.DeviceBuffer;
import org.jdotcompute.api.DeviceInfo;
import org.jdotcompute.api.MemoryStats;
import org.jdotcompute.api.Range;
import org.jdotcompute.api.SourceKernel;
import org.jdotcompute.api.exceptions.AllocationException;
import org.jdotcompute.api.exceptions.BackendExecutionException;
import org.jdotcompute.api.exceptions.ComputeOutOfMemoryException;
import org.jdotcompute.api.exceptions.DeviceKernelException;
import org.jdotcompute.api.exceptions.KernelCompilationException;

/**
 * An open backend on one device, owned by one runtime. The engine validates arguments, tracks
 * buffers and kernels, and counts launches per kernel; the backend compiles, allocates and
 * executes. Must be thread-safe: a runtime may compile and launch from several threads.
 * {@link #close()} releases every native resource; the engine closes the backend's kernels
 * and buffers first.
 */
public interface Backend extends AutoCloseable {
    /** The device this backend runs on. */
    DeviceInfo device();

    /** What the device can do. */
    Capabilities capabilities();

    /**
     * Compiles a Java kernel. GPU backends translate {@link KernelRequest#ir()}; the CPU backend
     * runs {@link KernelRequest#handle()}. A kernel needing a capability the device lacks is
     * rejected here with a message that names the capability.
     *
     * @throws KernelCompilationException if it cannot be compiled for this backend
     */
    BackendKernel compile(KernelRequest request);

    /**
     * Compiles a kernel from this backend's native source dialect (OpenCL C, CUDA C, MSL).
     *
     * @throws KernelCompilationException if the backend has no source dialect or the source does not compile
     *                                    ({@link KernelCompilationException#compilerLog()} holds the log)
     */
    BackendKernel compileSource(SourceKernel source);

    /**
     * Runs {@code kernel} over {@code range} and waits for it. The engine has checked the
     * arguments against the kernel's parameter types: each is a boxed primitive of the exact
     * type, a primitive array of the exact type, or a {@link DeviceBuffer} this backend allocated
     * (for an array parameter). Arrays must hold the results when this returns.
     * {@link LaunchArguments#of} describes the arguments as {@link KernelArgument}s, and
     * {@link LaunchArguments} copies arrays to and from native memory.
     *
     * @throws DeviceKernelException      if a work-item failed
     * @throws BackendExecutionException  for a driver failure
     * @throws IllegalArgumentException   if the range does not suit the kernel or device (names the value)
     */
    void launch(BackendKernel kernel, Range range, List<Object> arguments);

    /**
     * Allocates device memory.
     *
     * @throws AllocationException         for a negative size or a driver refusal
     * @throws ComputeOutOfMemoryException if the device or the configured limit cannot hold it
     */
    DeviceBuffer allocate(long bytes);

    /** The memory counters. */
    MemoryStats memoryStats();

    /** How many launches this backend executed — counted where the work is done. */
    long launchCount();

    /** Waits until all work submitted to the device has finished. */
    void synchronize();

    /** Releases every native resource. Idempotent. */
    @Override
    void close();
}
