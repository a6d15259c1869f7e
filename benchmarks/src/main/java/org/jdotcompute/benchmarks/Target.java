package org.jdotcompute.benchmarks;

/**
 * One target of a {@link Comparison}, judged on the medians of ours and the baseline's figures in
 * the {@link Metric}'s unit (nanoseconds per operation for times, operations per second for
 * throughputs). A comparison may have two, e.g. an absolute bound and a ratio. Implementations
 * are immutable and thread-safe.
 */
public sealed interface Target {
    /** Whether the figures meet the target. */
    boolean met(double ours, double baseline, Metric metric);

    /** The target in words, e.g. {@code >= 0.9x} or {@code <= 2 us}. */
    String describe();

    /** Whether this target can judge figures of {@code metric} (a time bound cannot judge a throughput). */
    default boolean suits(Metric metric) {
        return true;
    }

    /** The table's verdict: {@code yes} or {@code NO}. */
    default String verdict(double ours, double baseline, Metric metric) {
        return met(ours, baseline, metric) ? "yes" : "NO";
    }

    /**
     * Ours must be at least {@code ratio} times as good as the baseline: {@link Metric#ratio}
     * (baseline time / our time, or our throughput / the baseline's) at least {@code ratio}.
     */
    record AtLeastRatio(double ratio) implements Target {
        public AtLeastRatio {
            positive(ratio, "ratio");
        }

        @Override
        public boolean met(double ours, double baseline, Metric metric) {
            return metric.ratio(ours, baseline) >= ratio;
        }

        @Override
        public String describe() {
            return ">= " + Metric.number(ratio) + "x";
        }
    }

    /** Our time per operation (or percentile) must be at most {@code micros} microseconds. */
    record AtMostMicros(double micros) implements Target {
        public AtMostMicros {
            positive(micros, "micros");
        }

        @Override
        public boolean suits(Metric metric) {
            return !metric.higherIsBetter();
        }

        @Override
        public boolean met(double ours, double baseline, Metric metric) {
            return ours <= micros * 1000;
        }

        @Override
        public String describe() {
            return "<= " + Metric.time(micros * 1000).replace(".000", "");
        }
    }

    /** Our throughput must be at least {@code perSecond} operations per second. */
    record AtLeastPerSecond(double perSecond) implements Target {
        public AtLeastPerSecond {
            positive(perSecond, "perSecond");
        }

        @Override
        public boolean suits(Metric metric) {
            return metric.higherIsBetter();
        }

        @Override
        public boolean met(double ours, double baseline, Metric metric) {
            return ours >= perSecond;
        }

        @Override
        public String describe() {
            return ">= " + Metric.perSecond(perSecond).replace(".000", "");
        }
    }

    /**
     * Our time may exceed the baseline's by at most {@code percent} percent, e.g. the cost of
     * device-side checks against the same kernel without them.
     */
    record AtMostOverhead(double percent) implements Target {
        public AtMostOverhead {
            if (!(percent >= 0 && Double.isFinite(percent))) {
                throw new IllegalArgumentException("percent must be finite and >= 0, got " + percent);
            }
        }

        @Override
        public boolean suits(Metric metric) {
            return !metric.higherIsBetter();
        }

        @Override
        public boolean met(double ours, double baseline, Metric metric) {
            return ours <= baseline * (1 + percent / 100);
        }

        @Override
        public String describe() {
            return "<= +" + Metric.number(percent) + "%";
        }
    }

    /** No target: the figures are shown beside their baseline for context. */
    record ContextOnly() implements Target {
        @Override
        public boolean met(double ours, double baseline, Metric metric) {
            return true;
        }

        @Override
        public String describe() {
            return "(context)";
        }

        @Override
        public String verdict(double ours, double baseline, Metric metric) {
            return "-";
        }
    }

    private static void positive(double value, String name) {
        if (!(value > 0 && Double.isFinite(value))) {
            throw new IllegalArgumentException(name + " must be finite and positive, got " + value);
        }
    }
}
