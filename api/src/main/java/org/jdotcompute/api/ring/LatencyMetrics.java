package org.jdotcompute.api.ring;

import java.time.Duration;
import java.util.Objects;

/**
 * A snapshot of a latency histogram. Percentiles are the upper bound of the histogram bucket
 * holding them (buckets are at most about 3% wide), so they never understate. Immutable.
 *
 * @param count how many latencies were recorded
 * @param p50   the median ({@link Duration#ZERO} when nothing was recorded)
 * @param p99   the 99th percentile
 * @param max   the largest recorded latency (exact)
 */
public record LatencyMetrics(long count, Duration p50, Duration p99, Duration max) {
    public LatencyMetrics {
        if (count < 0) {
            throw new IllegalArgumentException("count " + count + " must not be negative");
        }
        Objects.requireNonNull(p50, "p50");
        Objects.requireNonNull(p99, "p99");
        Objects.requireNonNull(max, "max");
    }

    /** No latency recorded. */
    public static LatencyMetrics empty() {
        return new LatencyMetrics(0, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }
}
