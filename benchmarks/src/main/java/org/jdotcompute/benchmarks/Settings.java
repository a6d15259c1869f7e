package org.jdotcompute.benchmarks;

import java.util.Locale;

/**
 * How long {@link BenchRunner} measures. Immutable.
 *
 * @param forks      JVM forks per steady-state benchmark
 * @param warmups    warm-up iterations per fork
 * @param iterations measured iterations per fork
 * @param seconds    the length of one iteration
 * @param shots      forks (one call each) per {@link Timing#SINGLE_SHOT} benchmark
 * @param rounds     how many times the whole selection runs; each comparison's two benchmarks
 *                   run back to back in every round, so a change in the machine's load between
 *                   rounds moves both
 */
public record Settings(int forks, int warmups, int iterations, int seconds, int shots, int rounds) {
    /** The default: 1 fork, 2 warm-ups and 3 measured iterations of 1 s; 10 single shots; 1 round. */
    public static final Settings SHORT = new Settings(1, 2, 3, 1, 10, 1);
    /** {@code --long}: 2 forks, 5 warm-ups and 10 measured iterations of 2 s; 20 single shots; 1 round. */
    public static final Settings LONG = new Settings(2, 5, 10, 2, 20, 1);

    public Settings {
        if (forks < 1 || warmups < 0 || iterations < 1 || seconds < 1 || shots < 1 || rounds < 1) {
            throw new IllegalArgumentException("forks, iterations, seconds, shots and rounds must be >= 1 and warm-ups"
                    + " >= 0, got " + forks + ", " + iterations + ", " + seconds + ", " + shots + ", " + rounds + " and "
                    + warmups);
        }
    }

    /** These settings with {@code n} warm-up iterations. */
    public Settings withWarmups(int n) {
        return new Settings(forks, n, iterations, seconds, shots, rounds);
    }

    /** These settings with {@code n} measured iterations. */
    public Settings withIterations(int n) {
        return new Settings(forks, warmups, n, seconds, shots, rounds);
    }

    /** These settings with {@code n} forks. */
    public Settings withForks(int n) {
        return new Settings(n, warmups, iterations, seconds, shots, rounds);
    }

    /** These settings with {@code n} rounds. */
    public Settings withRounds(int n) {
        return new Settings(forks, warmups, iterations, seconds, shots, n);
    }

    /** In words, for the table's header. */
    public String describe() {
        return String.format(Locale.ROOT, "%d round(s) of: %d fork(s), %d warm-up + %d measured iterations of %d s;"
                + " %d single shots", rounds, forks, warmups, iterations, seconds, shots);
    }
}
