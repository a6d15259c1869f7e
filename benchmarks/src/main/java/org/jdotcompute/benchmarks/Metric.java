package org.jdotcompute.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.openjdk.jmh.results.Result;

/**
 * Which figure a {@link Comparison} reads from a round's JMH results, and which way is better.
 * Every figure is a median over the measured iterations of all forks (of the single shots, for
 * {@link Timing#SINGLE_SHOT}): on a shared machine, one iteration that shared the cores with
 * another job moves a mean far more than the median.
 *
 * <p>The ratio of a comparison always reads "above 1: ours better": {@code baseline / ours} for
 * times, {@code ours / baseline} for throughputs. Implementations are immutable and thread-safe.
 */
public sealed interface Metric {
    /** How the benchmarks are run for this figure. */
    Timing timing();

    /** A short label for the table, e.g. {@code avg}, {@code p99}, {@code ops/s}. */
    String label();

    /**
     * Reads this figure from the primary results of one benchmark's measured iterations (all its
     * forks, one round).
     *
     * @throws IllegalArgumentException if there are none, or their unit is not
     *                                  {@link Timing#scoreUnit()} (the runner asked JMH for the wrong unit)
     */
    double read(List<? extends Result<?>> iterations);

    /** Whether a higher figure is better (throughputs); times are better lower. */
    default boolean higherIsBetter() {
        return false;
    }

    /** Ours relative to the baseline, above 1 when ours is better. */
    default double ratio(double ours, double baseline) {
        return higherIsBetter() ? ours / baseline : baseline / ours;
    }

    /** A figure of this metric in words, e.g. {@code 1.234 us} or {@code 5.120 M/s}. */
    default String format(double figure) {
        return higherIsBetter() ? perSecond(figure) : time(figure);
    }

    /**
     * Time per operation in nanoseconds: the median of the iterations' averages (JMH's average
     * time), or of the single shots.
     *
     * @param timing {@link Timing#STEADY_STATE} or {@link Timing#SINGLE_SHOT}
     */
    record Time(Timing timing) implements Metric {
        public Time {
            Objects.requireNonNull(timing, "timing");
            if (timing != Timing.STEADY_STATE && timing != Timing.SINGLE_SHOT) {
                throw new IllegalArgumentException("a time per operation is measured in STEADY_STATE or SINGLE_SHOT,"
                        + " got " + timing + "; use Metric.Percentile for SAMPLE_TIME and Metric.Throughput for"
                        + " THROUGHPUT");
            }
        }

        @Override
        public String label() {
            return timing == Timing.SINGLE_SHOT ? "shot" : "avg";
        }

        @Override
        public double read(List<? extends Result<?>> iterations) {
            return median(scores(iterations, timing));
        }
    }

    /**
     * A percentile of the calls' times in nanoseconds ({@link Timing#SAMPLE_TIME}): each measured
     * iteration's percentile of its sampled calls, then the median over the iterations.
     *
     * @param percent the percentile, above 0 and at most 100 (50 = the median call, 99 = p99)
     */
    record Percentile(double percent) implements Metric {
        public Percentile {
            if (!(percent > 0 && percent <= 100)) {
                throw new IllegalArgumentException("a percentile is above 0 and at most 100, got " + percent);
            }
        }

        @Override
        public Timing timing() {
            return Timing.SAMPLE_TIME;
        }

        @Override
        public String label() {
            return "p" + number(percent);
        }

        @Override
        public double read(List<? extends Result<?>> iterations) {
            checkUnits(iterations, Timing.SAMPLE_TIME);
            List<Double> perIteration = new ArrayList<>();
            for (Result<?> r : iterations) {
                perIteration.add(r.getStatistics().getPercentile(percent));
            }
            return median(perIteration);
        }
    }

    /** Operations per second ({@link Timing#THROUGHPUT}): the median of the iterations' throughputs. */
    record Throughput() implements Metric {
        @Override
        public Timing timing() {
            return Timing.THROUGHPUT;
        }

        @Override
        public String label() {
            return "ops/s";
        }

        @Override
        public boolean higherIsBetter() {
            return true;
        }

        @Override
        public double read(List<? extends Result<?>> iterations) {
            return median(scores(iterations, Timing.THROUGHPUT));
        }
    }

    /** The median of {@code values} (the mean of the middle two for an even count). */
    static double median(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values to take the median of");
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static List<Double> scores(List<? extends Result<?>> iterations, Timing timing) {
        checkUnits(iterations, timing);
        return iterations.stream().map(Result::getScore).toList();
    }

    private static void checkUnits(List<? extends Result<?>> iterations, Timing timing) {
        if (iterations.isEmpty()) {
            throw new IllegalArgumentException("no measured iterations to read a figure from");
        }
        for (Result<?> r : iterations) {
            if (!r.getScoreUnit().equals(timing.scoreUnit())) {
                throw new IllegalArgumentException("a " + timing + " figure is read from scores in "
                        + timing.scoreUnit() + ", got one in " + r.getScoreUnit());
            }
        }
    }

    /** Nanoseconds in words: {@code 12.300 ns}, {@code 1.234 us}, {@code 5.600 ms}, {@code 1.200 s}. */
    static String time(double nanos) {
        if (nanos >= 1e9) {
            return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
        }
        if (nanos >= 1e6) {
            return String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
        }
        if (nanos >= 1e3) {
            return String.format(Locale.ROOT, "%.3f us", nanos / 1e3);
        }
        return String.format(Locale.ROOT, "%.3f ns", nanos);
    }

    /** Operations per second in words: {@code 950.000 /s}, {@code 71.200 K/s}, {@code 5.120 M/s}, {@code 1.100 G/s}. */
    static String perSecond(double perSecond) {
        if (perSecond >= 1e9) {
            return String.format(Locale.ROOT, "%.3f G/s", perSecond / 1e9);
        }
        if (perSecond >= 1e6) {
            return String.format(Locale.ROOT, "%.3f M/s", perSecond / 1e6);
        }
        if (perSecond >= 1e3) {
            return String.format(Locale.ROOT, "%.3f K/s", perSecond / 1e3);
        }
        return String.format(Locale.ROOT, "%.3f /s", perSecond);
    }

    /** A number without a needless fraction: {@code 99}, {@code 99.9}. */
    static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.valueOf(value);
    }
}
