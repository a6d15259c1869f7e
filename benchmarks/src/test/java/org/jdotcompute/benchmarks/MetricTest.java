package org.jdotcompute.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.AverageTimeResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ResultRole;
import org.openjdk.jmh.results.SampleTimeResult;
import org.openjdk.jmh.results.SingleShotResult;
import org.openjdk.jmh.results.ThroughputResult;
import org.openjdk.jmh.util.SampleBuffer;

@DisplayName("A metric")
class MetricTest {
    private static final Metric AVG = new Metric.Time(Timing.STEADY_STATE);
    private static final Metric OPS = new Metric.Throughput();

    /** One iteration of JMH's average time: {@code nanos} per operation, in ns/op. */
    static Result<?> avg(double nanos) {
        return new AverageTimeResult(ResultRole.PRIMARY, "bench", 1000, (long) (nanos * 1000), TimeUnit.NANOSECONDS);
    }

    /** One iteration of JMH's throughput: {@code perSecond} operations per second, in ops/s. */
    static Result<?> ops(double perSecond) {
        return new ThroughputResult(ResultRole.PRIMARY, "bench", perSecond, TimeUnit.SECONDS.toNanos(1), TimeUnit.SECONDS);
    }

    /** One iteration of JMH's sample time: {@code fast} calls of {@code fastNanos}, {@code slow} of {@code slowNanos}. */
    static Result<?> samples(int fast, long fastNanos, int slow, long slowNanos, TimeUnit unit) {
        SampleBuffer buffer = new SampleBuffer();
        for (int i = 0; i < fast; i++) {
            buffer.add(fastNanos);
        }
        for (int i = 0; i < slow; i++) {
            buffer.add(slowNanos);
        }
        return new SampleTimeResult(ResultRole.PRIMARY, "bench", buffer, unit);
    }

    @Nested
    @DisplayName("computes its ratio so that above 1 means ours is better")
    class RatioDirection {
        @Test
        @DisplayName("for times as the baseline's time over ours")
        void times() {
            assertEquals(2.0, AVG.ratio(50, 100));
            assertEquals(0.5, AVG.ratio(200, 100));
            assertEquals(4.0, new Metric.Percentile(99).ratio(5_000, 20_000));
            assertFalse(AVG.higherIsBetter());
        }

        @Test
        @DisplayName("for throughputs as our throughput over the baseline's")
        void throughputs() {
            assertEquals(3.0, OPS.ratio(6e6, 2e6));
            assertEquals(0.5, OPS.ratio(1e6, 2e6));
            assertTrue(OPS.higherIsBetter());
        }
    }

    @Nested
    @DisplayName("reads a round's figure from the measured iterations")
    class Reading {
        @Test
        @DisplayName("as the median of the iterations' average times, whatever an outlier iteration did")
        void averageTime() {
            assertEquals(200.0, AVG.read(List.of(avg(100), avg(5_000), avg(200))), 1e-9);
            assertEquals(150.0, AVG.read(List.of(avg(100), avg(200))), 1e-9);
        }

        @Test
        @DisplayName("as the median of the single shots")
        void singleShots() {
            Metric shot = new Metric.Time(Timing.SINGLE_SHOT);
            List<Result<?>> shots = List.of(
                    new SingleShotResult(ResultRole.PRIMARY, "bench", 3_000_000, TimeUnit.NANOSECONDS),
                    new SingleShotResult(ResultRole.PRIMARY, "bench", 1_000_000, TimeUnit.NANOSECONDS),
                    new SingleShotResult(ResultRole.PRIMARY, "bench", 2_000_000, TimeUnit.NANOSECONDS));
            assertEquals(2_000_000.0, shot.read(shots), 1e-6);
        }

        @Test
        @DisplayName("as the median of the iterations' throughputs in operations per second")
        void throughput() {
            assertEquals(5e6, OPS.read(List.of(ops(4e6), ops(5e6), ops(9e6))), 1);
        }

        @Test
        @DisplayName("as each iteration's percentile of its sampled calls, then the median over the iterations")
        void percentiles() {
            // Per iteration, 900 fast calls and 100 slow ones: p50 and p85 are the fast time, p95 and p99 the slow.
            List<Result<?>> iterations = List.of(
                    samples(900, 1_000, 100, 50_000, TimeUnit.NANOSECONDS),
                    samples(900, 2_000, 100, 90_000, TimeUnit.NANOSECONDS),
                    samples(900, 3_000, 100, 70_000, TimeUnit.NANOSECONDS));
            // JMH's SampleBuffer keeps long samples in coarser buckets (70,000 ns reads 69,888): 1% leeway.
            assertEquals(2_000.0, new Metric.Percentile(50).read(iterations), 20);
            assertEquals(70_000.0, new Metric.Percentile(99).read(iterations), 700);
            assertEquals(70_000.0, new Metric.Percentile(95).read(iterations), 700);
            assertEquals(2_000.0, new Metric.Percentile(85).read(iterations), 20);
        }

        @Test
        @DisplayName("refuses scores in another unit than its timing's, naming both")
        void wrongUnit() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new Metric.Percentile(50).read(List.of(samples(10, 1_000, 0, 0, TimeUnit.MICROSECONDS))));
            assertEquals("a SAMPLE_TIME figure is read from scores in ns/op, got one in us/op", e.getMessage());
            IllegalArgumentException t = assertThrows(IllegalArgumentException.class, () -> OPS.read(List.of(avg(10))));
            assertEquals("a THROUGHPUT figure is read from scores in ops/s, got one in ns/op", t.getMessage());
        }

        @Test
        @DisplayName("refuses a round without measured iterations")
        void noIterations() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AVG.read(List.of()));
            assertEquals("no measured iterations to read a figure from", e.getMessage());
        }
    }

    @Nested
    @DisplayName("is checked when it is made")
    class Validation {
        @Test
        @DisplayName("a percentile lies above 0 and at most at 100")
        void percentileRange() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Metric.Percentile(0));
            assertEquals("a percentile is above 0 and at most 100, got 0.0", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> new Metric.Percentile(100.5));
            assertThrows(IllegalArgumentException.class, () -> new Metric.Percentile(Double.NaN));
            assertEquals("p99.9", new Metric.Percentile(99.9).label());
            assertEquals("p50", new Metric.Percentile(50).label());
        }

        @Test
        @DisplayName("a time per operation is not read from sampled or throughput runs")
        void timeTiming() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new Metric.Time(Timing.THROUGHPUT));
            assertEquals("a time per operation is measured in STEADY_STATE or SINGLE_SHOT, got THROUGHPUT; use"
                    + " Metric.Percentile for SAMPLE_TIME and Metric.Throughput for THROUGHPUT", e.getMessage());
        }
    }

    @Test
    @DisplayName("writes figures in a readable unit")
    void formats() {
        assertEquals("12.300 ns", AVG.format(12.3));
        assertEquals("1.234 us", AVG.format(1_234));
        assertEquals("5.600 ms", AVG.format(5_600_000));
        assertEquals("1.200 s", AVG.format(1.2e9));
        assertEquals("5.120 M/s", OPS.format(5_120_000));
        assertEquals("71.200 K/s", OPS.format(71_200));
        assertEquals("950.000 /s", OPS.format(950));
    }
}
