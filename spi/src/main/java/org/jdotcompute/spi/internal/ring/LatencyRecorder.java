package org.jdotcompute.spi.internal.ring;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import org.jdotcompute.api.ring.LatencyMetrics;

/**
 * A lock-free log-linear histogram of nanosecond latencies (the HdrHistogram idea): values below
 * 32 ns are exact, above that each power of two is split into 32 buckets, so a bucket is at most
 * about 3% wide. Recording is one atomic increment (plus a rare CAS for the maximum). Thread-safe.
 */
final class LatencyRecorder {
    private static final int SUB_BITS = 5;
    private static final int SUB = 1 << SUB_BITS;
    private static final int BUCKETS = (Long.SIZE - SUB_BITS + 1) * SUB;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);
    private final AtomicLong max = new AtomicLong();

    void record(long nanos) {
        long v = Math.max(0, nanos);
        counts.incrementAndGet(index(v));
        long m = max.get();
        while (v > m && !max.weakCompareAndSetVolatile(m, v)) {
            m = max.get();
        }
    }

    static int index(long v) {
        if (v < SUB) {
            return (int) v;
        }
        int exponent = Long.SIZE - 1 - Long.numberOfLeadingZeros(v);
        int sub = (int) (v >>> (exponent - SUB_BITS)) & (SUB - 1);
        return (exponent - SUB_BITS + 1) * SUB + sub;
    }

    /** The largest value that falls in bucket {@code index}. */
    static long upperBound(int index) {
        if (index < SUB) {
            return index;
        }
        int exponent = index / SUB + SUB_BITS - 1;
        int sub = index % SUB;
        return ((long) (SUB + sub + 1) << (exponent - SUB_BITS)) - 1;
    }

    LatencyMetrics snapshot() {
        long[] snapshot = new long[BUCKETS];
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            snapshot[i] = counts.get(i);
            total += snapshot[i];
        }
        if (total == 0) {
            return LatencyMetrics.empty();
        }
        long largest = max.get();
        return new LatencyMetrics(total, Duration.ofNanos(percentile(snapshot, total, 0.50, largest)),
                Duration.ofNanos(percentile(snapshot, total, 0.99, largest)), Duration.ofNanos(largest));
    }

    private static long percentile(long[] counts, long total, double quantile, long largest) {
        long rank = Math.max(1, (long) Math.ceil(quantile * total));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(upperBound(i), largest);
            }
        }
        return largest;
    }
}
