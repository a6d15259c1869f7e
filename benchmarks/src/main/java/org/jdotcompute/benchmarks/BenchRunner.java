package org.jdotcompute.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jdotcompute.benchmarks.cpu.CpuSuite;
import org.jdotcompute.benchmarks.cuda.CudaSuite;
import org.jdotcompute.benchmarks.opencl.OpenClSuite;
import org.jdotcompute.benchmarks.ring.RingSuite;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Version;

/**
 * Runs the benchmarks of every {@link BenchSuite} with JMH and prints one table row per
 * {@link Comparison}: id, what, which figure ({@link Metric}), ours, the baseline's (same run),
 * the ratio (above 1: ours better), each round's ratio, the targets and whether
 * each is met. A suite that cannot run here ({@link BenchSuite#unavailable()}, e.g. no CUDA
 * device) keeps its rows, marked not measured with the reason. {@code jdotcompute bench} calls
 * {@link #main}.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.jdotcompute.benchmarks.BenchRunner [--long] [--only P1,P4]
 *     [--forks N] [--warmups N] [--iterations N] [--rounds N]
 * </pre>
 *
 * Settings: {@link Settings#SHORT} by default, {@link Settings#LONG} with {@code --long}; the
 * other options override the steady-state forks and iterations and the number of rounds. {@link Timing#SINGLE_SHOT}
 * comparisons run one call in each of 10 forks (20 with {@code --long}), without warm-up. The
 * benchmarks run in forked JVMs on the class path of this JVM. Not thread-safe; run once per JVM.
 */
public final class BenchRunner {
    /** Every suite the runner knows, in table order (P1 to P9). */
    public static final List<BenchSuite> SUITES = List.of(new RingSuite(), new CpuSuite(), new OpenClSuite(),
            new CudaSuite());

    /** With up to this many rounds, the table shows each round's ratio; with more, their range. */
    static final int ROUNDS_SHOWN = 4;

    private BenchRunner() {
    }

    /** One round's figures of a comparison, in its {@link Metric}'s unit. */
    public record Round(double ours, double baseline) {
        public Round {
            if (!(ours > 0 && baseline > 0 && Double.isFinite(ours) && Double.isFinite(baseline))) {
                throw new IllegalArgumentException("figures are finite and positive, got " + ours + " (ours) and "
                        + baseline + " (baseline)");
            }
        }
    }

    /** A row of the table. Immutable. */
    public sealed interface Row {
        /** The comparison this row shows. */
        Comparison comparison();

        /**
         * A comparison measured in {@code rounds.size()} of {@code roundsRun} rounds (a round is
         * missing when one of its two benchmarks failed).
         */
        record Measured(Comparison comparison, List<Round> rounds, int roundsRun) implements Row {
            public Measured {
                Objects.requireNonNull(comparison, "comparison");
                rounds = List.copyOf(rounds);
                if (rounds.isEmpty() || roundsRun < rounds.size()) {
                    throw new IllegalArgumentException("a measured row has 1 to " + roundsRun + " rounds, got "
                            + rounds.size());
                }
            }

            /** The median over the rounds of our figure. */
            public double ours() {
                return Metric.median(rounds.stream().map(Round::ours).toList());
            }

            /** The median over the rounds of the baseline's figure. */
            public double baseline() {
                return Metric.median(rounds.stream().map(Round::baseline).toList());
            }

            /** Ours relative to the baseline on the medians; above 1: ours better. */
            public double ratio() {
                return comparison.metric().ratio(ours(), baseline());
            }

            /** The lowest and the highest ratio of a single round. */
            public double[] ratioRange() {
                double[] ratios = rounds.stream().mapToDouble(r -> comparison.metric().ratio(r.ours(), r.baseline()))
                        .toArray();
                return new double[] {Arrays.stream(ratios).min().orElseThrow(), Arrays.stream(ratios).max().orElseThrow()};
            }

            /** One verdict per target, in order: {@code yes}, {@code NO} or {@code -} (context). */
            public List<String> verdicts() {
                double o = ours();
                double b = baseline();
                return comparison.targets().stream().map(t -> t.verdict(o, b, comparison.metric())).toList();
            }
        }

        /** A comparison not measured, and why (no device, or its benchmarks failed). */
        record NotMeasured(Comparison comparison, String reason) implements Row {
            public NotMeasured {
                Objects.requireNonNull(comparison, "comparison");
                Objects.requireNonNull(reason, "reason");
            }
        }
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
        Map<BenchSuite, List<Comparison>> chosen = new LinkedHashMap<>();
        for (BenchSuite suite : SUITES) {
            List<Comparison> cs = suite.comparisons().stream().filter(c -> only.isEmpty() || only.contains(c.id()))
                    .toList();
            if (!cs.isEmpty()) {
                chosen.put(suite, cs);
            }
        }
        if (chosen.isEmpty()) {
            usage("no comparison has an id in " + only);
            return;
        }
        double loadBefore = loadAverage();
        List<Double> loadAfterRounds = new ArrayList<>();
        List<Row> rows = measure(chosen, settings, () -> loadAfterRounds.add(loadAverage()));
        print(System.out, rows, settings);
        System.out.printf(Locale.ROOT, "load average (1 min): %.2f before; %s%n", loadBefore, loadAfterRounds.isEmpty()
                ? "no benchmark ran" : "after each round: " + loadAfterRounds.stream()
                        .map(l -> String.format(Locale.ROOT, "%.2f", l)).collect(Collectors.joining(", ")));
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
     * Measures the comparisons of every suite in {@code settings.rounds()} rounds; a suite that is
     * {@linkplain BenchSuite#unavailable() unavailable} is not run and its rows say why.
     *
     * @param afterRound called after each round (the caller notes the load average)
     * @return the rows in suite and comparison order
     */
    static List<Row> measure(Map<BenchSuite, List<Comparison>> suites, Settings settings, Runnable afterRound)
            throws RunnerException {
        Map<Comparison, String> unavailable = new HashMap<>();
        List<Comparison> runnable = new ArrayList<>();
        for (Map.Entry<BenchSuite, List<Comparison>> e : suites.entrySet()) {
            Optional<String> why = e.getKey().unavailable();
            e.getValue().forEach(c -> why.ifPresentOrElse(w -> unavailable.put(c, "not measured: " + w),
                    () -> runnable.add(c)));
        }
        Map<Comparison, List<Round>> rounds = new HashMap<>();
        if (!runnable.isEmpty()) {
            for (int round = 0; round < settings.rounds(); round++) {
                Map<Timing, Map<String, List<Result<?>>>> results = run(runnable, settings);
                for (Comparison c : runnable) {
                    Map<String, List<Result<?>>> byName = results.getOrDefault(c.timing(), Map.of());
                    List<Result<?>> ours = byName.get(c.oursName());
                    List<Result<?>> base = byName.get(c.baselineName());
                    if (ours != null && base != null) {
                        rounds.computeIfAbsent(c, k -> new ArrayList<>())
                                .add(new Round(c.metric().read(ours), c.metric().read(base)));
                    }
                }
                afterRound.run();
            }
        }
        List<Row> rows = new ArrayList<>();
        for (List<Comparison> cs : suites.values()) {
            for (Comparison c : cs) {
                if (unavailable.containsKey(c)) {
                    rows.add(new Row.NotMeasured(c, unavailable.get(c)));
                } else if (rounds.containsKey(c)) {
                    rows.add(new Row.Measured(c, rounds.get(c), settings.rounds()));
                } else {
                    rows.add(new Row.NotMeasured(c, "not measured: " + c.oursName() + " or " + c.baselineName()
                            + " failed in every round; see the JMH output above"));
                }
            }
        }
        return rows;
    }

    /**
     * Runs the benchmarks of {@code comparisons} once, one JMH run per {@link Timing}; returns,
     * per timing and JMH benchmark name, the primary results of the measured iterations of all
     * forks (of the single shots). A benchmark that failed is absent.
     *
     * @throws IllegalStateException if a benchmark ran with several parameter combinations (the
     *                               runner compares one: give its {@code @Param} a single default)
     */
    public static Map<Timing, Map<String, List<Result<?>>>> run(List<Comparison> comparisons, Settings settings)
            throws RunnerException {
        Map<Timing, Map<String, List<Result<?>>>> results = new EnumMap<>(Timing.class);
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
            ChainedOptionsBuilder options = new OptionsBuilder().mode(timing.mode()).timeUnit(timing.unit());
            options = timing == Timing.SINGLE_SHOT
                    ? options.forks(settings.shots()).warmupIterations(0).measurementIterations(1)
                    : options.forks(settings.forks())
                            .warmupIterations(settings.warmups())
                            .warmupTime(TimeValue.seconds(settings.seconds()))
                            .measurementIterations(settings.iterations())
                            .measurementTime(TimeValue.seconds(settings.seconds()));
            for (String n : names) {
                options.include("^" + Pattern.quote(n) + "$");
            }
            Map<String, List<Result<?>>> byName = new HashMap<>();
            for (RunResult r : new Runner(options.build()).run()) {
                String name = r.getParams().getBenchmark();
                List<Result<?>> iterations = new ArrayList<>();
                for (BenchmarkResult fork : r.getBenchmarkResults()) {
                    for (IterationResult iteration : fork.getIterationResults()) {
                        iterations.add(iteration.getPrimaryResult());
                    }
                }
                if (byName.put(name, iterations) != null) {
                    throw new IllegalStateException(name + " ran with several parameter combinations; BenchRunner"
                            + " compares one: give each of its @Params a single default value");
                }
            }
            results.put(timing, byName);
        }
        return results;
    }

    /**
     * Prints the table: per comparison, the medians over the rounds of our and the baseline's
     * figures, their ratio (which the ratio targets judge), with several rounds the lowest and
     * highest ratio of a single round, then each target and its verdict. A row not measured
     * says why on the line below it.
     */
    public static void print(PrintStream out, List<Row> rows, Settings settings) {
        out.println();
        out.println("JDotCompute bench, " + LocalDate.now() + "; " + machine() + "; " + System.getProperty("java.vm.name")
                + " " + Runtime.version() + "; JMH " + Version.getPlainVersion() + ", " + settings.describe());
        out.println("figures: median over the measured iterations of all forks, then over the rounds. avg = average"
                + " time per call, shot = single-shot time, pNN = percentile of the sampled calls (per iteration),"
                + " ops/s = throughput");
        out.println("ratio: above 1 = ours better (baseline time / our time; our ops/s / baseline ops/s);"
                + " each round's ratio: in order (with more than " + ROUNDS_SHOWN + " rounds: lowest-highest)");
        String format = "%-4s %-58s %-5s %12s %12s %8s %-19s %-18s %s%n";
        out.printf(format, "id", "what", "fig", "ours", "baseline", "ratio", "each round's ratio", "target", "met?");
        List<String> partial = new ArrayList<>();
        for (Row row : rows) {
            Comparison c = row.comparison();
            String targets = c.targets().stream().map(Target::describe).collect(Collectors.joining(", "));
            switch (row) {
                case Row.Measured m -> {
                    Metric metric = c.metric();
                    String spread = roundsRatios(m);
                    out.printf(format, c.id(), c.what(), metric.label(), metric.format(m.ours()),
                            metric.format(m.baseline()), String.format(Locale.ROOT, "%.3fx", m.ratio()), spread, targets,
                            String.join(", ", m.verdicts()));
                    if (m.rounds().size() < m.roundsRun()) {
                        partial.add(c.id() + " " + c.what() + " (" + m.rounds().size() + " of " + m.roundsRun() + ")");
                    }
                }
                case Row.NotMeasured n -> {
                    out.printf(format, c.id(), c.what(), c.metric().label(), "-", "-", "-", "-", targets,
                            c.targets().stream().map(t -> "?").collect(Collectors.joining(", ")));
                    out.println("     " + n.reason());
                }
            }
        }
        if (!partial.isEmpty()) {
            out.println("measured in fewer rounds (a benchmark failed; see the JMH output above): " + partial);
        }
    }

    /**
     * The ratio of each round in order ({@code 0.89 0.90 1.02}) for up to {@value #ROUNDS_SHOWN}
     * rounds, else the lowest and the highest ({@code 0.89-1.02x}); {@code -} for a single round.
     */
    static String roundsRatios(Row.Measured m) {
        if (m.rounds().size() == 1) {
            return "-";
        }
        if (m.rounds().size() <= ROUNDS_SHOWN) {
            Metric metric = m.comparison().metric();
            return m.rounds().stream().map(r -> String.format(Locale.ROOT, "%.2f", metric.ratio(r.ours(), r.baseline())))
                    .collect(Collectors.joining(" "));
        }
        double[] range = m.ratioRange();
        return String.format(Locale.ROOT, "%.2f-%.2fx", range[0], range[1]);
    }

    /** The CPU model, the processors this JVM sees and the OS, for the table's header. */
    static String machine() {
        String cpu = "CPU model unknown";
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            try (Stream<String> lines = Files.lines(cpuinfo)) {
                cpu = lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).strip())
                        .findFirst().orElse(cpu);
            } catch (IOException e) {
                cpu = "CPU model unknown (" + cpuinfo + ": " + e.getMessage() + ")";
            }
        }
        return cpu + ", " + Runtime.getRuntime().availableProcessors() + " processors, " + System.getProperty("os.name")
                + " " + System.getProperty("os.arch");
    }
}
