package org.jdotcompute.benchmarks;

/**
 * How a {@link Comparison} is judged. The ratio is always {@code baseline time / our time} —
 * our throughput relative to the baseline's; above 1 we are faster. Implementations are immutable.
 */
public sealed interface Target {
    /** Whether the figures meet the target. */
    boolean met(double oursNanos, double baselineNanos);

    /** The target in words, e.g. {@code ">= 0.9x"}. */
    String describe();

    /** The table's verdict: {@code yes} or {@code NO}. */
    default String verdict(double oursNanos, double baselineNanos) {
        return met(oursNanos, baselineNanos) ? "yes" : "NO";
    }

    /** Our throughput must be at least {@code ratio} times the baseline's. */
    record AtLeastRatio(double ratio) implements Target {
        @Override
        public boolean met(double oursNanos, double baselineNanos) {
            return baselineNanos / oursNanos >= ratio;
        }

        @Override
        public String describe() {
            return ">= " + ratio + "x";
        }
    }

    /** Our time per operation must be at most {@code micros} microseconds. */
    record AtMostMicros(double micros) implements Target {
        @Override
        public boolean met(double oursNanos, double baselineNanos) {
            return oursNanos <= micros * 1000;
        }

        @Override
        public String describe() {
            return "<= " + micros + " us/op";
        }
    }

    /**
     * Our time may exceed the baseline's by at most {@code percent} percent, e.g. the cost of
     * device-side checks against the same kernel without them.
     */
    record AtMostOverhead(double percent) implements Target {
        @Override
        public boolean met(double oursNanos, double baselineNanos) {
            return oursNanos <= baselineNanos * (1 + percent / 100);
        }

        @Override
        public String describe() {
            return "<= " + percent + "% slower";
        }
    }

    /** No target: the figures are shown beside their baseline for context. */
    record ContextOnly() implements Target {
        @Override
        public boolean met(double oursNanos, double baselineNanos) {
            return true;
        }

        @Override
        public String describe() {
            return "(context)";
        }

        @Override
        public String verdict(double oursNanos, double baselineNanos) {
            return "-";
        }
    }
}
