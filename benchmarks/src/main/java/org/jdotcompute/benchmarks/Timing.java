package org.jdotcompute.benchmarks;

/** How {@link BenchRunner} measures a {@link Comparison}. */
public enum Timing {
    /**
     * Steady state: JMH's average time over warmed-up iterations, each calling the benchmark as
     * often as fits in the iteration time.
     */
    STEADY_STATE,
    /**
     * One call per JVM: JMH's single-shot time, no warm-up, one measured iteration, averaged
     * over many forks — for what happens once, such as a first compile.
     */
    SINGLE_SHOT
}
