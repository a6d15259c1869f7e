package org.jdotcompute.backend.opencl;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import org.jdotcompute.spi.BackendKernel;
import org.jdotcompute.spi.ir.IrFeature;
import org.jdotcompute.spi.ir.KernelIR;

/**
 * A compiled kernel: one {@code cl_kernel} of a cached program. Thread-safe: launches set the
 * arguments and enqueue under {@link #argumentLock} ({@code clSetKernelArg} is not thread-safe
 * for one kernel object; enqueued work keeps the arguments it was enqueued with).
 */
final class OpenClKernel implements BackendKernel {
    private final OpenClBackend backend;
    private final String name;
    final long handle;
    /** The IR of a Java kernel (hidden lengths and error record in the ABI); empty for a source kernel. */
    final Optional<KernelIR> ir;
    final List<Class<?>> parameterTypes;
    final ClassLoader loader;
    /** The largest work-group this kernel can run with on the device. */
    final long maxWorkGroupSize;
    final ReentrantLock argumentLock = new ReentrantLock();
    private boolean closed; // guarded by argumentLock

    OpenClKernel(OpenClBackend backend, String name, long handle, Optional<KernelIR> ir, List<Class<?>> parameterTypes,
            ClassLoader loader, long maxWorkGroupSize) {
        this.backend = backend;
        this.name = Objects.requireNonNull(name, "name");
        this.handle = handle;
        this.ir = ir;
        this.parameterTypes = List.copyOf(parameterTypes);
        this.loader = loader;
        this.maxWorkGroupSize = maxWorkGroupSize;
    }

    @Override
    public String name() {
        return name;
    }

    /** Whether {@code b} compiled this kernel. */
    boolean belongsTo(OpenClBackend b) {
        return backend == b;
    }

    /** Whether the kernel uses barriers or group-local memory and so needs an explicit local size. */
    boolean needsLocalSize() {
        return ir.map(k -> k.uses(IrFeature.BARRIER) || k.uses(IrFeature.LOCAL_MEMORY)).orElse(false);
    }

    /** Whether {@link #close()} was called; read under {@link #argumentLock}. */
    boolean closedLocked() {
        return closed;
    }

    @Override
    public void close() {
        argumentLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            argumentLock.unlock();
        }
        backend.release(this);
    }

    /** Marks the kernel closed without releasing (the backend releases everything at once). */
    void markClosed() {
        argumentLock.lock();
        try {
            closed = true;
        } finally {
            argumentLock.unlock();
        }
    }

    @Override
    public String toString() {
        return "OpenCL kernel '" + name + "'";
    }
}
