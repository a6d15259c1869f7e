package org.jdotcompute.benchmarks;

import java.util.Objects;

/**
 * One row of the bench table: a JMH benchmark of ours beside its baseline, measured in the same
 * run, both in average time per operation (or per single shot). Immutable.
 *
 * @param id        the target's id in PERFORMANCE.md, e.g. {@code "P4"}
 * @param what      what is measured, in words
 * @param benchmark the JMH class holding both methods
 * @param ours      the method measuring JDotCompute
 * @param baseline  the method measuring the baseline
 * @param target    how the figures are judged
 * @param timing    how both benchmarks are measured
 */
public record Comparison(String id, String what, Class<?> benchmark, String ours, String baseline, Target target,
        Timing timing) {
    public Comparison {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(benchmark, "benchmark");
        Objects.requireNonNull(ours, "ours");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(timing, "timing");
    }

    /** A comparison measured in the steady state ({@link Timing#STEADY_STATE}). */
    public Comparison(String id, String what, Class<?> benchmark, String ours, String baseline, Target target) {
        this(id, what, benchmark, ours, baseline, target, Timing.STEADY_STATE);
    }

    /** The JMH name of our benchmark. */
    public String oursName() {
        return benchmark.getName() + "." + ours;
    }

    /** The JMH name of the baseline benchmark. */
    public String baselineName() {
        return benchmark.getName() + "." + baseline;
    }
}
