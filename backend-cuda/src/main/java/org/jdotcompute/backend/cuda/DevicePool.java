package org.jdotcompute.backend.cuda;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;

import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;

/**
 * Device memory blocks in size classes (see {@link #sizeClass}), kept for reuse when freed.
 * On {@code CUDA_ERROR_OUT_OF_MEMORY} the pooled blocks are released and the allocation retried
 * once before the error is reported. Not thread-safe: used under the backend's context lock.
 */
final class DevicePool {
    private static final long MIN_CLASS = 256;

    /** A block: its device pointer and its size class. */
    record Block(CUdeviceptr pointer, long capacity) {
    }

    private final CudaContext ctx;
    private final Map<Long, Deque<CUdeviceptr>> free = new TreeMap<>();
    private long pooledBytes;
    private long reuses;

    DevicePool(CudaContext ctx) {
        this.ctx = ctx;
    }

    /** Blocks up to this size come in power-of-two classes. */
    static final long POWER_OF_TWO_LIMIT = 1L << 26;
    /** Larger blocks are rounded up to a multiple of this (2 MiB), not doubled. */
    static final long LARGE_GRANULE = 1L << 21;

    /**
     * The size class holding {@code bytes}: a power of two from 256 bytes up to 64 MiB, above that
     * the next multiple of 2 MiB (rounding a 40 GiB buffer up to 64 GiB would waste device memory,
     * or fail on a device that holds the 40 GiB).
     */
    static long sizeClass(long bytes) {
        if (bytes <= MIN_CLASS) {
            return MIN_CLASS;
        }
        if (bytes > POWER_OF_TWO_LIMIT) {
            return (bytes + LARGE_GRANULE - 1) & -LARGE_GRANULE;
        }
        long c = Long.highestOneBit(bytes);
        return c == bytes ? c : c << 1;
    }

    /** A block of at least {@code bytes} (more than 0); the context must be current. */
    Block take(long bytes, String purpose) {
        long capacity = sizeClass(bytes);
        Deque<CUdeviceptr> q = free.get(capacity);
        if (q != null && !q.isEmpty()) {
            pooledBytes -= capacity;
            reuses++;
            return new Block(q.pop(), capacity);
        }
        CUdeviceptr p = new CUdeviceptr();
        int rc = JCudaDriver.cuMemAlloc(p, capacity);
        if (rc == CudaErrors.OUT_OF_MEMORY && pooledBytes > 0) {
            trim();
            rc = JCudaDriver.cuMemAlloc(p, capacity);
        }
        ctx.check(rc, "cuMemAlloc of " + capacity + " bytes for " + purpose, bytes);
        return new Block(p, capacity);
    }

    /** Returns a block for reuse. */
    void give(Block b) {
        free.computeIfAbsent(b.capacity(), k -> new ArrayDeque<>()).push(b.pointer());
        pooledBytes += b.capacity();
    }

    /** Frees every pooled block; the context must be current. */
    void trim() {
        RuntimeException first = null;
        for (var e : free.entrySet()) {
            for (CUdeviceptr p : e.getValue()) {
                try {
                    ctx.check(JCudaDriver.cuMemFree(p), "cuMemFree of a pooled block of " + e.getKey() + " bytes");
                } catch (RuntimeException ex) {
                    if (first == null) {
                        first = ex;
                    } else {
                        first.addSuppressed(ex);
                    }
                }
            }
        }
        free.clear();
        pooledBytes = 0;
        if (first != null) {
            throw first;
        }
    }

    /** Frees one block now (not pooled); the context must be current. */
    void release(Block b) {
        ctx.check(JCudaDriver.cuMemFree(b.pointer()), "cuMemFree of " + b.capacity() + " bytes");
    }

    long pooledBytes() {
        return pooledBytes;
    }

    long reuses() {
        return reuses;
    }
}
