package org.jdotcompute.benchmarks;

import java.util.List;
import java.util.Objects;

/**
 * One row of the bench table: a JMH benchmark of ours beside its baseline, measured in the same
 * run and read with the same {@link Metric}. Immutable.
 *
 * @param id        the target's id in PERFORMANCE.md, e.g. {@code "P4"}
 * @param what      what is measured, in words
 * @param benchmark the JMH class holding both methods
 * @param ours      the method measuring JDotCompute
 * @param baseline  the method measuring the baseline
 * @param targets   how the figures are judged: one or two targets (e.g. an absolute bound and a
 *                  ratio), each shown with its own verdict; {@link Target.ContextOnly} only alone
 * @param metric    which figure of both benchmarks is compared, and how they are run
 */
public record Comparison(String id, String what, Class<?> benchmark, String ours, String baseline,
        List<Target> targets, Metric metric) {
    public Comparison {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(benchmark, "benchmark");
        Objects.requireNonNull(ours, "ours");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(metric, "metric");
        targets = List.copyOf(targets);
        if (targets.isEmpty() || targets.size() > 2) {
            throw new IllegalArgumentException(id + " " + what + ": a comparison has one or two targets, got "
                    + targets.size() + "; use Target.ContextOnly for none");
        }
        for (Target t : targets) {
            if (!t.suits(metric)) {
                throw new IllegalArgumentException(id + " " + what + ": target " + t.describe()
                        + " cannot judge a figure in " + metric.timing().scoreUnit() + " (" + metric.label() + ")");
            }
            if (t instanceof Target.ContextOnly && targets.size() > 1) {
                throw new IllegalArgumentException(id + " " + what + ": Target.ContextOnly stands alone, got " + targets);
            }
        }
    }

    /** A comparison with one target, of the average time per operation ({@link Timing#STEADY_STATE}). */
    public Comparison(String id, String what, Class<?> benchmark, String ours, String baseline, Target target) {
        this(id, what, benchmark, ours, baseline, List.of(target), new Metric.Time(Timing.STEADY_STATE));
    }

    /** A comparison with one target, of the time per operation measured with {@code timing}. */
    public Comparison(String id, String what, Class<?> benchmark, String ours, String baseline, Target target,
            Timing timing) {
        this(id, what, benchmark, ours, baseline, List.of(target), new Metric.Time(timing));
    }

    /** How both benchmarks are measured. */
    public Timing timing() {
        return metric.timing();
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
