package org.jdotcompute.api;

/**
 * A snapshot of a runtime's device-memory counters.
 *
 * @param allocations   buffers handed out (fresh and reused)
 * @param poolReuses    allocations served from freed blocks
 * @param bytesInUse    bytes in live buffers
 * @param bytesPooled   freed bytes kept for reuse
 * @param peakBytesInUse the highest {@code bytesInUse} seen
 * @param limitBytes    the allocation cap in bytes
 */
public record MemoryStats(long allocations, long poolReuses, long bytesInUse, long bytesPooled,
        long peakBytesInUse, long limitBytes) {
}
