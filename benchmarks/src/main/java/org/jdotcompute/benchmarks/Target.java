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
}
