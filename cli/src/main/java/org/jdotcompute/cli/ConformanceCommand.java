package org.jdotcompute.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

import org.jdotcompute.api.BackendStatus;
import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.api.PluginManager;
import org.jdotcompute.testkit.ConformanceRunner;
import org.jdotcompute.testkit.ConformanceSettings;
import org.jdotcompute.testkit.report.ConformanceReport;
import org.jdotcompute.testkit.report.Outcome;
import org.jdotcompute.testkit.report.RuleResult;

/**
 * {@code jdotcompute conformance}: runs the conformance kit through the JUnit Platform Launcher
 * on every discovered backend (or the ones named), prints a table per backend and exits non-zero
 * on any failure. Confined to the command's thread.
 */
final class ConformanceCommand {
    private final List<String> backends = new ArrayList<>();
    private final List<Path> plugins = new ArrayList<>();
    private Path reports = Path.of(ConformanceSettings.DEFAULT_REPORT_DIRECTORY);
    private long seed = RandomGenerator.getDefault().nextLong();
    private boolean verbose;

    private ConformanceCommand() {
    }

    /** Parses the options after {@code conformance}. */
    static ConformanceCommand parse(List<String> args) {
        ConformanceCommand c = new ConformanceCommand();
        while (!args.isEmpty()) {
            String a = args.removeFirst();
            switch (a) {
                case "--backend", "-b" -> c.backends.add(value(args, a, "a backend id, e.g. --backend cpu"));
                case "--plugins" -> c.plugins.add(Path.of(value(args, a, "a directory, e.g. --plugins plugins/")));
                case "--reports" -> c.reports = Path.of(value(args, a, "a directory, e.g. --reports target/conformance"));
                case "--seed" -> {
                    String s = value(args, a, "a whole number, e.g. --seed 42");
                    try {
                        c.seed = Long.parseLong(s);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--seed " + s + " is not a whole number; give the seed a"
                                + " report printed, e.g. --seed 42", e);
                    }
                }
                case "--verbose", "-v" -> c.verbose = true;
                default -> throw new IllegalArgumentException("unknown option '" + a
                        + "' for 'conformance'; run 'jdotcompute --help'");
            }
        }
        return c;
    }

    private static String value(List<String> args, String option, String example) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException(option + " needs " + example);
        }
        return args.removeFirst();
    }

    /** Runs the kit and prints the tables; returns the exit code (1 when a rule or a suite failed). */
    int run(PrintStream out) {
        if (!verbose) {
            Logger.getLogger("").setLevel(Level.WARNING); // every runtime the kit opens would log its selection
        }
        List<String> ids = new ArrayList<>(backends);
        if (ids.isEmpty()) {
            ids.addAll(discovered().stream().map(BackendStatus::id).toList());
        }
        out.println("JDotCompute conformance: " + (backends.isEmpty() ? "every discovered backend" : "backend(s)")
                + " " + String.join(", ", ids) + "; seed " + seed + "; reports in " + reports.toAbsolutePath());
        ConformanceRunner runner = ConformanceRunner.defaults().withPluginDirectories(plugins).withReportDirectory(reports)
                .withSeed(seed).withOutput(out);
        List<ConformanceReport> results = new ArrayList<>();
        for (String id : ids) {
            out.println();
            out.println("== " + id);
            // An explicitly requested backend must run: unavailable is a failure, with its reason.
            results.add(runner.run(id, !backends.isEmpty()));
        }
        out.println();
        printTable(results, out);
        boolean failed = results.stream().anyMatch(r -> !r.passed());
        out.println();
        out.println(failed ? "conformance FAILED (seed " + seed + "; rerun with --seed " + seed + ")"
                : "conformance passed: every rule that applies held; the rest were skipped with their reasons");
        return failed ? 1 : 0;
    }

    private List<BackendStatus> discovered() {
        if (plugins.isEmpty()) {
            return ComputeRuntime.builder().discover();
        }
        try (PluginManager manager = PluginManager.open(plugins)) {
            return ComputeRuntime.builder().plugins(manager).discover();
        }
    }

    private static void printTable(List<ConformanceReport> results, PrintStream out) {
        String format = "%-10s %-4s %-30s %7s %7s %8s%n";
        out.printf(Locale.ROOT, format, "BACKEND", "", "RULE GROUP", "PASSED", "FAILED", "SKIPPED");
        for (ConformanceReport r : results) {
            for (Map.Entry<String, long[]> g : r.countsByGroup().entrySet()) {
                long[] c = g.getValue();
                if (c[0] + c[1] + c[2] > 0) {
                    out.printf(Locale.ROOT, format, r.backendId(), g.getKey(),
                            ConformanceReport.GROUPS.getOrDefault(g.getKey(), ""), c[0], c[1], c[2]);
                }
            }
            out.printf(Locale.ROOT, format, r.backendId(), "", "total", r.count(Outcome.PASSED), r.count(Outcome.FAILED),
                    r.count(Outcome.SKIPPED));
        }
        for (ConformanceReport r : results) {
            out.println();
            String status = !r.suiteFailure().isEmpty() ? "FAILED: " + oneLine(r.suiteFailure())
                    : !r.unavailableReason().isEmpty() ? "unavailable here: " + oneLine(r.unavailableReason())
                    : r.passed() ? "passed" : "FAILED";
            out.println(r.backendId() + (r.device().isEmpty() ? "" : " on " + r.device()) + ": " + r.summary() + " — "
                    + status);
            List<RuleResult> failures = r.failures();
            if (!failures.isEmpty() && r.suiteFailure().isEmpty()) {
                out.println("  failures:");
                for (RuleResult f : failures) {
                    out.println("    " + f.displayName() + ": " + oneLine(f.reason()));
                }
            }
            Map<String, List<String>> skips = new LinkedHashMap<>();
            for (RuleResult s : r.rules()) {
                if (s.outcome() == Outcome.SKIPPED) {
                    skips.computeIfAbsent(oneLine(s.reason()), k -> new ArrayList<>()).add(s.ruleId());
                }
            }
            if (!skips.isEmpty() && r.unavailableReason().isEmpty()) {
                out.println("  skipped:");
                skips.forEach((reason, rules) -> out.println("    " + rules.stream().distinct()
                        .collect(Collectors.joining(", ")) + " (" + rules.size() + "): " + reason));
            }
        }
    }

    private static String oneLine(String s) {
        // The seed suffix every failure carries: the table prints the seed once.
        String line = s.replaceAll(" \\[backend '[^']*', seed -?\\d+: reproduce with [^\\]]*\\]", "")
                .replaceAll("\\s*\\R\\s*", " ").strip();
        return line.length() > 400 ? line.substring(0, 400) + "…" : line;
    }
}
