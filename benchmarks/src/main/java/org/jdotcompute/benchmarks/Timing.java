package org.jdotcompute.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Mode;

/**
 * How {@link BenchRunner} measures a {@link Comparison}: the JMH mode and the unit its scores are
 * reported in. The benchmarks of one timing run in one JMH run per round. Immutable.
 */
public enum Timing {
    /**
     * Steady state: JMH's average time over warmed-up iterations, each calling the benchmark as
     * often as fits in the iteration time. Scores in ns/op.
     */
    STEADY_STATE(Mode.AverageTime, TimeUnit.NANOSECONDS),
    /**
     * One call per JVM: JMH's single-shot time, no warm-up, one measured iteration, averaged
     * over many forks — for what happens once, such as a first compile. Scores in ns/op.
     */
    SINGLE_SHOT(Mode.SingleShotTime, TimeUnit.NANOSECONDS),
    /**
     * Steady state, every call timed on its own: JMH's sample time, whose iterations hold the
     * distribution of the calls' times, for percentiles such as p50 and p99. Scores in ns/op.
     */
    SAMPLE_TIME(Mode.SampleTime, TimeUnit.NANOSECONDS),
    /**
     * Steady state, operations per second: JMH's throughput (a benchmark that handles a batch
     * per call declares it with {@code @OperationsPerInvocation}). Scores in ops/s.
     */
    THROUGHPUT(Mode.Throughput, TimeUnit.SECONDS);

    private final Mode mode;
    private final TimeUnit unit;

    Timing(Mode mode, TimeUnit unit) {
        this.mode = mode;
        this.unit = unit;
    }

    /** The JMH mode the runner runs these benchmarks in. */
    public Mode mode() {
        return mode;
    }

    /** The output time unit the runner asks JMH for: the scores are per operation, or per this unit. */
    public TimeUnit unit() {
        return unit;
    }

    /** The unit JMH writes beside these scores: {@code ns/op}, or {@code ops/s} for {@link #THROUGHPUT}. */
    public String scoreUnit() {
        return this == THROUGHPUT ? "ops/s" : "ns/op";
    }
}
