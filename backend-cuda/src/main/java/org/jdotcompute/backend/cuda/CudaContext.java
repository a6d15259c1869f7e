package org.jdotcompute.backend.cuda;

import java.util.concurrent.locks.ReentrantLock;

import jcuda.driver.CUcontext;
import jcuda.driver.CUstream;
import jcuda.driver.JCudaDriver;

import org.jdotcompute.api.exceptions.ComputeException;
import org.jdotcompute.api.exceptions.DeviceContextLostException;

/**
 * One backend's CUDA context and stream, the lock that serialises the backend's driver calls,
 * and its result checking. Runtimes are used from many threads: {@link #enter(String)} takes the
 * lock and makes the context current on the calling thread ({@code cuCtxSetCurrent}, a
 * thread-local switch) for the operation. Every {@code CUresult} goes through {@link #check}; a
 * sticky error poisons the context, after which every {@code enter} fails with a
 * {@link DeviceContextLostException} whose cause is the first one.
 *
 * <p>Thread-safe.
 */
final class CudaContext {
    private final String backend;
    private final CUcontext context;
    private final CUstream stream;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile DeviceContextLostException lost;

    CudaContext(String backend, CUcontext context, CUstream stream) {
        this.backend = backend;
        this.context = context;
        this.stream = stream;
    }

    CUcontext context() {
        return context;
    }

    CUstream stream() {
        return stream;
    }

    /** The scope of one operation: holds the lock, the context current. */
    final class Scope implements AutoCloseable {
        private Scope() {
        }

        @Override
        public void close() {
            lock.unlock();
        }
    }

    /**
     * Starts an operation.
     *
     * @param operation what is about to happen, for messages
     * @throws DeviceContextLostException if the context was lost before
     */
    Scope enter(String operation) {
        throwIfLost(operation);
        lock.lock();
        try {
            throwIfLost(operation);
            check(JCudaDriver.cuCtxSetCurrent(context), "cuCtxSetCurrent for " + operation);
            return new Scope();
        } catch (RuntimeException | Error e) {
            lock.unlock();
            throw e;
        }
    }

    /** Takes the lock without touching the driver (for close after a loss). */
    Scope enterForClose() {
        lock.lock();
        return new Scope();
    }

    /** Whether a sticky error has poisoned the context. */
    boolean isLost() {
        return lost != null;
    }

    private void throwIfLost(String operation) {
        DeviceContextLostException first = lost;
        if (first != null) {
            throw new DeviceContextLostException(backend, "cannot " + operation + ": the CUDA context was lost earlier ("
                    + first.reason() + ")", first.nativeErrorCode(), first.nativeErrorName(), first);
        }
    }

    /** Throws the mapped exception unless {@code result} is {@code CUDA_SUCCESS}. */
    void check(int result, String operation) {
        check(result, operation, 0);
    }

    /**
     * Throws the mapped exception unless {@code result} is {@code CUDA_SUCCESS}; for
     * {@code CUDA_ERROR_OUT_OF_MEMORY} the exception carries {@code requested} and
     * {@code cuMemGetInfo}'s free bytes.
     */
    void check(int result, String operation, long requested) {
        if (result == CudaErrors.SUCCESS) {
            return;
        }
        long available = -1;
        if (result == CudaErrors.OUT_OF_MEMORY) {
            long[] free = new long[1];
            long[] total = new long[1];
            if (JCudaDriver.cuMemGetInfo(free, total) == CudaErrors.SUCCESS) {
                available = free[0];
            }
        }
        ComputeException e = CudaErrors.exception(backend, operation, result, describe(result), requested, available);
        if (e instanceof DeviceContextLostException dcl) {
            synchronized (this) {
                if (lost == null) {
                    lost = dcl;
                }
            }
        }
        throw e;
    }

    private static String describe(int code) {
        String[] text = new String[1];
        if (JCudaDriver.cuGetErrorString(code, text) == CudaErrors.SUCCESS && text[0] != null) {
            return text[0];
        }
        return "";
    }
}
