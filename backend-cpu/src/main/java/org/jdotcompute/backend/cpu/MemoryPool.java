package org.jdotcompute.backend.cpu;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jdotcompute.api.MemoryStats;
import org.jdotcompute.api.exceptions.ComputeOutOfMemoryException;

/**
 * Off-heap memory blocks in size classes, with freed blocks kept for reuse.
 *
 * <ul>
 *   <li>Size classes: 64 bytes and powers of two up to 4 KiB; above that four classes per
 *       doubling (at most 25% rounding). Blocks over {@value #MAX_POOLED_BLOCK} bytes are
 *       allocated exactly (rounded to 4 KiB) and freed on release, never pooled.</li>
 *   <li>The limit counts the bytes <em>requested</em> by live buffers: a request that would
 *       take them over the limit fails with {@link ComputeOutOfMemoryException}. Pooled blocks
 *       and rounding are not charged; the pool keeps at most half the limit (and at most 1 GiB)
 *       of freed blocks and gives them back to the system when a fresh block cannot be had.</li>
 *   <li>Every block is its own shared {@link Arena}, 64-byte aligned; a reused block is zeroed.</li>
 * </ul>
 *
 * <p>Thread-safe (all state under this object's monitor; allocation is not a hot path).
 */
final class MemoryPool {
    static final long MAX_POOLED_BLOCK = 256L << 20;
    private static final long ALIGNMENT = 64;

    /** One native block: its arena and its full-capacity segment. */
    record Block(Arena arena, MemorySegment segment, long capacity) {
    }

    private final long limit;
    private final long maxPooled;
    private final Map<Long, ArrayDeque<Block>> free = new HashMap<>();
    private long allocations;
    private long poolReuses;
    private long bytesInUse;
    private long bytesPooled;
    private long peakBytesInUse;
    private boolean closed;

    MemoryPool(long limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("memory limit " + limit + " must be positive");
        }
        this.limit = limit;
        this.maxPooled = Math.min(limit / 2, 1L << 30);
    }

    long limit() {
        return limit;
    }

    /** The capacity of the block that holds {@code bytes}. */
    static long sizeClass(long bytes) {
        long n = Math.max(64, bytes);
        if (n > MAX_POOLED_BLOCK) {
            return roundUp(n, 4096);
        }
        if (n <= 4096) {
            return Long.highestOneBit(n - 1) << 1;
        }
        long step = Long.highestOneBit(n - 1) >> 2;
        return roundUp(n, step);
    }

    private static long roundUp(long n, long step) {
        return (n + step - 1) / step * step;
    }

    /**
     * A block that holds {@code bytes} (the caller checked the size is not negative).
     *
     * @throws ComputeOutOfMemoryException over the limit, or when the system refuses the memory
     */
    synchronized Block acquire(long bytes) {
        if (closed) {
            throw new IllegalStateException("the CPU backend's memory pool is closed");
        }
        if (bytes > limit - bytesInUse) {
            throw new ComputeOutOfMemoryException(bytes, limit - bytesInUse);
        }
        long capacity = sizeClass(bytes);
        Block block = null;
        ArrayDeque<Block> q = free.get(capacity);
        if (q != null && !q.isEmpty()) {
            block = q.pop();
            bytesPooled -= capacity;
            poolReuses++;
            block.segment().asSlice(0, bytes).fill((byte) 0);
        }
        if (block == null) {
            block = fresh(bytes, capacity);
        }
        allocations++;
        bytesInUse += bytes;
        peakBytesInUse = Math.max(peakBytesInUse, bytesInUse);
        return block;
    }

    private Block fresh(long bytes, long capacity) {
        try {
            return allocate(capacity);
        } catch (OutOfMemoryError first) {
            trim();
            try {
                return allocate(capacity);
            } catch (OutOfMemoryError second) {
                second.addSuppressed(first);
                throw new ComputeOutOfMemoryException(bytes, -1, second);
            }
        }
    }

    private static Block allocate(long capacity) {
        Arena arena = Arena.ofShared();
        try {
            return new Block(arena, arena.allocate(capacity, ALIGNMENT), capacity);
        } catch (RuntimeException | OutOfMemoryError e) {
            arena.close();
            throw e;
        }
    }

    /** Takes back a block that held {@code bytes}: pooled if it fits, else freed. */
    synchronized void release(Block block, long bytes) {
        bytesInUse -= bytes;
        if (!closed && block.capacity() <= MAX_POOLED_BLOCK && bytesPooled + block.capacity() <= maxPooled) {
            free.computeIfAbsent(block.capacity(), c -> new ArrayDeque<>()).push(block);
            bytesPooled += block.capacity();
        } else {
            block.arena().close();
        }
    }

    /** Frees every pooled block. */
    synchronized void trim() {
        List<Block> all = new ArrayList<>();
        free.values().forEach(all::addAll);
        free.clear();
        bytesPooled = 0;
        for (Block b : all) {
            b.arena().close();
        }
    }

    synchronized MemoryStats stats() {
        return new MemoryStats(allocations, poolReuses, bytesInUse, bytesPooled, peakBytesInUse, limit);
    }

    /** Frees the pooled blocks; blocks released later are freed at once. Idempotent. */
    synchronized void close() {
        closed = true;
        trim();
    }
}
