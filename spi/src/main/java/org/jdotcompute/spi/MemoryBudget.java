package org.jdotcompute.spi;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

import org.jdotcompute.api.MemoryStats;
import org.jdotcompute.api.exceptions.ComputeOutOfMemoryException;

/**
 * A backend's count of the device memory its buffers hold, against its memory limit: what
 * {@link Backend#allocate} checks and {@link Backend#memoryStats()} reports. Reserve a buffer's
 * bytes before allocating it ({@link #reserve}), count it once it exists ({@link #allocated()}),
 * and give the bytes back when it is freed or its allocation failed ({@link #release}).
 * It knows no pooling: {@link #stats()} reports no pool reuses and no pooled bytes.
 *
 * <p>Thread-safe and lock-free.
 */
public final class MemoryBudget {
    private final long limit;
    private final AtomicLong inUse = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong allocations = new AtomicLong();

    /**
     * A budget of {@code limit} bytes, none in use.
     *
     * @throws IllegalArgumentException if {@code limit} is negative
     */
    public MemoryBudget(long limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("memory limit " + limit + " must not be negative");
        }
        this.limit = limit;
    }

    /** The limit in bytes. */
    public long limit() {
        return limit;
    }

    /** The bytes reserved now. */
    public long inUse() {
        return inUse.get();
    }

    /** The bytes that can still be reserved now. */
    public long available() {
        return limit - inUse.get();
    }

    /**
     * Counts {@code bytes} against the limit, or refuses them.
     *
     * @param cause makes the refusal's cause from the bytes in use at the refusal: say which limit
     *              of which device refused, and what to do (free buffers, raise the limit)
     * @throws ComputeOutOfMemoryException if fewer than {@code bytes} are available, with the bytes
     *                                     requested and available and {@code cause}'s cause
     * @throws IllegalArgumentException    if {@code bytes} is negative
     */
    public void reserve(long bytes, LongFunction<? extends Throwable> cause) {
        Objects.requireNonNull(cause, "cause");
        if (bytes < 0) {
            throw new IllegalArgumentException("cannot reserve " + bytes + " bytes: the size is negative");
        }
        while (true) {
            long used = inUse.get();
            if (bytes > limit - used) {
                throw new ComputeOutOfMemoryException(bytes, limit - used, cause.apply(used));
            }
            if (inUse.compareAndSet(used, used + bytes)) {
                peak.accumulateAndGet(used + bytes, Math::max);
                return;
            }
        }
    }

    /** Counts one allocation, after its bytes were reserved and its buffer exists. */
    public void allocated() {
        allocations.incrementAndGet();
    }

    /** Gives back {@code bytes} reserved earlier: a freed buffer's, or a failed allocation's. */
    public void release(long bytes) {
        inUse.addAndGet(-bytes);
    }

    /** The counters now: allocations, bytes in use, the peak of bytes in use, and the limit. */
    public MemoryStats stats() {
        return new MemoryStats(allocations.get(), 0, inUse.get(), 0, peak.get(), limit);
    }
}
