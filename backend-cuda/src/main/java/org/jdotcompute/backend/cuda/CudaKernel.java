package org.jdotcompute.backend.cuda;

import java.util.List;

import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;

import org.jdotcompute.api.exceptions.DeviceErrorSite;
import org.jdotcompute.backend.cuda.ptx.PtxModule;
import org.jdotcompute.spi.BackendKernel;

/**
 * A loaded CUDA module and its kernel function: a Java kernel (PTX from the IR, with the error
 * record and hidden global sizes) or a CUDA C source kernel (parameters exactly as declared).
 * Launches are thread-safe (the backend serialises them); closing unloads the module.
 */
final class CudaKernel implements BackendKernel {
    /** How the kernel's parameters are laid out. */
    sealed interface Shape {
    }

    /**
     * A Java kernel.
     *
     * @param module       the emitted PTX and its parameter kinds
     * @param elementBytes for each parameter, its array element size in bytes (0 for scalars)
     * @param sites        the failure sites
     * @param loader       the class loader that sees the kernel's exception classes
     */
    record JavaShape(PtxModule module, List<Integer> elementBytes, List<DeviceErrorSite> sites, ClassLoader loader)
            implements Shape {
        JavaShape {
            elementBytes = List.copyOf(elementBytes);
            sites = List.copyOf(sites);
        }
    }

    /**
     * A CUDA C source kernel.
     *
     * @param parameterTypes the declared parameter types
     */
    record SourceShape(List<Class<?>> parameterTypes) implements Shape {
        SourceShape {
            parameterTypes = List.copyOf(parameterTypes);
        }
    }

    private final CudaBackend backend;
    private final String name;
    private final CUmodule module;
    private final CUfunction function;
    private final int maxThreadsPerBlock;
    private final Shape shape;
    private volatile boolean closed;

    CudaKernel(CudaBackend backend, String name, CUmodule module, CUfunction function, int maxThreadsPerBlock,
            Shape shape) {
        this.backend = backend;
        this.name = name;
        this.module = module;
        this.function = function;
        this.maxThreadsPerBlock = maxThreadsPerBlock;
        this.shape = shape;
    }

    @Override
    public String name() {
        return name;
    }

    CUmodule module() {
        return module;
    }

    CUfunction function() {
        if (closed) {
            throw new IllegalStateException("CUDA kernel '" + name + "' is closed");
        }
        return function;
    }

    int maxThreadsPerBlock() {
        return maxThreadsPerBlock;
    }

    Shape shape() {
        return shape;
    }

    CudaBackend backend() {
        return backend;
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        backend.unload(this);
    }

    @Override
    public String toString() {
        return "CudaKernel[" + name + "]";
    }
}
