package org.jdotcompute.benchmarks;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.jdotcompute.benchmarks.cpu.CpuSuite;
import org.jdotcompute.benchmarks.opencl.OpenClSuite;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmarks of every {@link BenchSuite} with JMH and prints one table row per
 * {@link Comparison}: id, what, our time, the baseline's time (same run; both the median of the
 * measured iterations), the ratio
 * {@code baseline / ours}, the target and whether it is met. {@code jdotcompute bench} calls
 * {@link #main}.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.jdotcompute.benchmarks.BenchRunner [--long] [--only P4,P5]
 *     [--forks N] [--warmups N] [--iterations N] [--rounds N]
 * </pre>
 *
 * Settings: {@link Settings#SHORT} by default, {@link Settings#LONG} with {@code --long}; the
 * other options override the steady-state forks and iterations and the number of rounds. {@link Timing#SINGLE_SHOT}
 * comparisons run one call in each of 10 forks (20 with {@code --long}), without warm-up. The
 * benchmarks run in forked JVMs on the class path of this JVM. Not thread-safe; run once per JVM.
 */
public final class BenchRunner {
    /** Every suite the runner knows, in table order. Add a suite here (e.g. the ring kernels'). */
    public static final List<BenchSuite> SUITES = List.of(new CpuSuite(), new OpenClSuite());

    private BenchRunner() {
    }

    /**
     * Parses the options, runs the chosen comparisons and prints the table to standard output.
     * Exits with status 2 on bad options; a missed target does not change the exit status.
     */
    public static void main(String[] args) throws RunnerException {
        Settings settings = Settings.SHORT;
        Set<String> only = new LinkedHashSet<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--long" -> settings = Settings.LONG;
                case "--only" -> {
                    if (i + 1 >= args.length) {
                        usage("--only needs a comma-separated list of ids, e.g. --only P4,P5");
                        return;
                    }
                    only.addAll(Arrays.stream(args[++i].split(",")).map(String::strip)
                            .map(s -> s.toUpperCase(Locale.ROOT)).toList());
                }
                case "--forks", "--warmups", "--iterations", "--rounds" -> {
                    String option = args[i];
                    Integer n = i + 1 < args.length ? parseCount(args[++i]) : null;
                    if (n == null || (n == 0 && !option.equals("--warmups"))) {
                        usage(option + " needs a whole number of " + (option.equals("--warmups") ? "0" : "1")
                                + " or more, e.g. " + option + " 3");
                        return;
                    }
                    settings = switch (option) {
                        case "--forks" -> settings.withForks(n);
                        case "--warmups" -> settings.withWarmups(n);
                        case "--rounds" -> settings.withRounds(n);
                        default -> settings.withIterations(n);
                    };
                }
                case "--help", "-h" -> {
                    usage("");
                    return;
                }
                default -> {
                    usage("unknown option '" + args[i] + "'");
                    return;
                }
            }
        }
        List<Comparison> chosen = SUITES.stream().flatMap(s -> s.comparisons().stream())
                .filter(c -> only.isEmpty() || only.contains(c.id())).toList();
        if (chosen.isEmpty()) {
            usage("no comparison has an id in " + only);
            return;
        }
        double loadBefore = loadAverage();
        Map<String, List<Double>> nanos = new HashMap<>();
        for (int round = 0; round < settings.rounds(); round++) {
            run(chosen, settings).forEach((name, value) -> nanos.computeIfAbsent(name, n -> new ArrayList<>()).add(value));
        }
        print(System.out, chosen, nanos, settings);
        System.out.printf(Locale.ROOT, "load average (1 min): %.2f before, %.2f after%n", loadBefore, loadAverage());
    }

    private static Integer parseCount(String text) {
        try {
            int n = Integer.parseInt(text);
            return n >= 0 ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void usage(String problem) {
        PrintStream err = System.err;
        if (!problem.isEmpty()) {
            err.println(problem);
        }
        err.println("usage: BenchRunner [--long] [--only ID,ID...] [--forks N] [--warmups N] [--iterations N]"
                + " [--rounds N]   ids: "
                + SUITES.stream().flatMap(s -> s.comparisons().stream()).map(Comparison::id).distinct().toList());
        if (!problem.isEmpty()) {
            System.exit(2);
        }
    }

    /** The system load average over the last minute, or -1 where the platform has none. */
    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /**
     * Runs the benchmarks of {@code comparisons}; returns the median over the measured
     * iterations of the average nanoseconds per operation (of the single shots, for
     * {@link Timing#SINGLE_SHOT}) by JMH name.
     */
    public static Map<String, Double> run(List<Comparison> comparisons, Settings settings) throws RunnerException {
        Map<String, Double> nanos = new HashMap<>();
        for (Timing timing : Timing.values()) {
            Set<String> names = new LinkedHashSet<>();
            for (Comparison c : comparisons) {
                if (c.timing() == timing) {
                    names.add(c.oursName());
                    names.add(c.baselineName());
                }
            }
            if (names.isEmpty()) {
                continue;
            }
            ChainedOptionsBuilder options = switch (timing) {
                case STEADY_STATE -> new OptionsBuilder()
                        .mode(Mode.AverageTime)
                        .timeUnit(TimeUnit.NANOSECONDS)
                        .forks(settings.forks())
                        .warmupIterations(settings.warmups())
                        .warmupTime(TimeValue.seconds(settings.seconds()))
                        .measurementIterations(settings.iterations())
                        .measurementTime(TimeValue.seconds(settings.seconds()));
                case SINGLE_SHOT -> new OptionsBuilder()
                        .mode(Mode.SingleShotTime)
                        .timeUnit(TimeUnit.NANOSECONDS)
                        .forks(settings.shots())
                        .warmupIterations(0)
                        .measurementIterations(1);
            };
            for (String n : names) {
                options.include("^" + Pattern.quote(n) + "$");
            }
            Collection<RunResult> results = new Runner(options.build()).run();
            for (RunResult r : results) {
                nanos.put(r.getParams().getBenchmark(), median(r));
            }
        }
        return nanos;
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /**
     * The median of a benchmark's measured iterations over all its forks (for single-shot
     * benchmarks: of its shots). On a shared machine, one iteration that shared the cores with
     * another job moves the mean far more than the median.
     */
    static double median(RunResult result) {
        List<Double> scores = new ArrayList<>();
        for (BenchmarkResult fork : result.getBenchmarkResults()) {
            for (IterationResult iteration : fork.getIterationResults()) {
                scores.add(iteration.getPrimaryResult().getScore());
            }
        }
        return scores.isEmpty() ? result.getPrimaryResult().getScore() : median(scores);
    }

    /**
     * Prints the table: per comparison, the medians over the rounds of our and the baseline's
     * per-round medians, their ratio (which the target judges) and, with several rounds, the
     * lowest and highest ratio of a single round.
     */
    public static void print(PrintStream out, List<Comparison> comparisons, Map<String, List<Double>> nanos,
            Settings settings) {
        out.println();
        out.println("JDotCompute bench, " + LocalDate.now() + ", " + System.getProperty("java.vm.name") + " "
                + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors() + " processors, "
                + settings.describe() + "; medians of the measured iterations; ratio = baseline time / our time"
                + " (above 1: ours faster)");
        String format = "%-4s %-52s %14s %14s %8s %16s %15s %5s%n";
        out.printf(format, "id", "what", "ours", "baseline", "ratio", "rounds' ratios", "target", "met?");
        List<String> missing = new ArrayList<>();
        for (Comparison c : comparisons) {
            List<Double> ours = nanos.get(c.oursName());
            List<Double> base = nanos.get(c.baselineName());
            if (ours == null || base == null || ours.size() != base.size()) {
                missing.add(c.id() + " " + c.what());
                out.printf(format, c.id(), c.what(), ours == null ? "not run" : time(median(ours)),
                        base == null ? "not run" : time(median(base)), "-", "-", c.target().describe(), "?");
                continue;
            }
            double o = median(ours);
            double b = median(base);
            double low = Double.MAX_VALUE;
            double high = 0;
            for (int i = 0; i < ours.size(); i++) {
                low = Math.min(low, base.get(i) / ours.get(i));
                high = Math.max(high, base.get(i) / ours.get(i));
            }
            String spread = ours.size() == 1 ? "-" : String.format(Locale.ROOT, "%.2f-%.2fx", low, high);
            out.printf(format, c.id(), c.what(), time(o), time(b), String.format(Locale.ROOT, "%.3fx", b / o), spread,
                    c.target().describe(), c.target().verdict(o, b));
        }
        if (!missing.isEmpty()) {
            out.println("not measured (a benchmark failed; see the JMH output above): " + missing);
        }
    }

    private static String time(double nanos) {
        if (nanos >= 1_000_000) {
            return String.format(Locale.ROOT, "%.3f ms", nanos / 1_000_000);
        }
        if (nanos >= 1_000) {
            return String.format(Locale.ROOT, "%.3f us", nanos / 1_000);
        }
        return String.format(Locale.ROOT, "%.3f ns", nanos);
    }
}
