package org.jdotcompute.testkit.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jdotcompute.testkit.ConformanceSettings;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Collects the outcome of every rule of each conformance suite run — found by the report entries
 * the suite publishes ({@link ReportEntries}) — and, when a suite finishes, writes
 * {@code <directory>/<backend>.md} and {@code <backend>.json} (directory
 * {@value ConformanceSettings#REPORT_DIRECTORY}, default {@value ConformanceSettings#DEFAULT_REPORT_DIRECTORY})
 * and prints where, then the closing line {@code N passed, N failed, N skipped}. Tests outside
 * conformance suites are ignored. Rules that never ran because their suite or group was skipped
 * or failed are reported with the suite's (or group's) reason.
 *
 * <p>Registered automatically with the JUnit Platform Launcher through {@code ServiceLoader}
 * (module path and class path); {@link org.jdotcompute.testkit.ConformanceRunner} registers its own
 * instance. Set {@value ConformanceSettings#REPORT} to {@code false} to silence it.
 *
 * <p>Thread-safe.
 */
public final class ConformanceReportListener implements TestExecutionListener {
    private static final Pattern RULE_ID = Pattern.compile("^([A-Z]{3}-\\d{3})\\b");

    private final PrintStream out;
    private TestPlan plan;
    private Path directory = Path.of(ConformanceSettings.DEFAULT_REPORT_DIRECTORY);
    private boolean enabled = true;
    private final Map<String, Suite> suites = new HashMap<>();
    private final List<ConformanceReport> reports = new ArrayList<>();
    private final List<Path> written = new ArrayList<>();

    /** A listener printing to standard output (the {@code ServiceLoader} constructor). */
    public ConformanceReportListener() {
        this(System.out);
    }

    /** A listener printing to {@code out}. */
    public ConformanceReportListener(PrintStream out) {
        this.out = out;
    }

    /** The reports of the suites that finished so far, in order. */
    public synchronized List<ConformanceReport> reports() {
        return List.copyOf(reports);
    }

    /** The report files written so far. */
    public synchronized List<Path> writtenFiles() {
        return List.copyOf(written);
    }

    @Override
    public synchronized void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
        ConfigurationParameters p = testPlan.getConfigurationParameters();
        directory = Path.of(p.get(ConformanceSettings.REPORT_DIRECTORY).orElse(ConformanceSettings.DEFAULT_REPORT_DIRECTORY));
        enabled = p.getBoolean(ConformanceSettings.REPORT).orElse(true);
    }

    @Override
    public synchronized void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
        Map<String, String> values = entry.getKeyValuePairs();
        Suite suite = suites.get(id.getUniqueId());
        if (suite == null && values.containsKey(ReportEntries.BACKEND)) {
            suite = new Suite();
            suites.put(id.getUniqueId(), suite);
        }
        if (suite != null) {
            suite.entries.putAll(values);
        }
    }

    @Override
    public synchronized void executionSkipped(TestIdentifier id, String reason) {
        if (plan == null) {
            return;
        }
        Suite suite = suites.get(id.getUniqueId());
        if (suite != null) {
            suite.markUnreported(plan, id, Outcome.SKIPPED, reason);
            finish(suite);
            return;
        }
        Suite owner = owner(id);
        if (owner == null) {
            return;
        }
        if (id.isTest()) {
            owner.record(id, Outcome.SKIPPED, reason);
        } else {
            owner.markUnreported(plan, id, Outcome.SKIPPED, reason);
        }
    }

    @Override
    public synchronized void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (plan == null) {
            return;
        }
        Outcome outcome = switch (result.getStatus()) {
            case SUCCESSFUL -> Outcome.PASSED;
            case ABORTED -> Outcome.SKIPPED;
            case FAILED -> Outcome.FAILED;
        };
        String reason = result.getThrowable().map(ConformanceReportListener::reason).orElse("");
        Suite suite = suites.get(id.getUniqueId());
        if (suite != null) {
            if (outcome == Outcome.FAILED) {
                suite.failure = reason;
            }
            suite.markUnreported(plan, id, outcome == Outcome.PASSED ? Outcome.FAILED : outcome,
                    outcome == Outcome.PASSED ? "the rule did not report an outcome" : reason);
            finish(suite);
            return;
        }
        Suite owner = owner(id);
        if (owner == null) {
            return;
        }
        if (id.isTest()) {
            owner.record(id, outcome, reason);
        } else if (outcome != Outcome.PASSED) {
            owner.markUnreported(plan, id, outcome, reason);
        }
    }

    private static String reason(Throwable t) {
        String m = t.getMessage();
        return t instanceof AssertionError || t.getClass().getName().equals("org.opentest4j.TestAbortedException")
                ? (m == null ? t.getClass().getName() : m) : t.toString();
    }

    private Suite owner(TestIdentifier id) {
        Optional<TestIdentifier> p = Optional.of(id);
        while (p.isPresent()) {
            Suite s = suites.get(p.get().getUniqueId());
            if (s != null) {
                return s;
            }
            p = plan.getParent(p.get());
        }
        return null;
    }

    private void finish(Suite suite) {
        ConformanceReport report = suite.report();
        reports.add(report);
        if (!enabled) {
            return;
        }
        String name = report.backendId().replaceAll("[^A-Za-z0-9._-]", "_");
        Path md = directory.resolve(name + ".md");
        Path json = directory.resolve(name + ".json");
        try {
            Files.createDirectories(directory);
            Files.writeString(md, report.toMarkdown(), StandardCharsets.UTF_8);
            Files.writeString(json, report.toJson(), StandardCharsets.UTF_8);
            written.add(md);
            written.add(json);
            out.println("JDotCompute conformance of backend '" + report.backendId() + "' (seed " + report.seed()
                    + "): report in " + md.toAbsolutePath() + " and " + json.getFileName());
        } catch (IOException e) {
            out.println("JDotCompute conformance of backend '" + report.backendId() + "': the report could not be"
                    + " written to " + directory.toAbsolutePath() + ": " + e);
        }
        out.println(report.summary());
    }

    /** One suite run's entries and results; guarded by the listener's monitor. */
    private static final class Suite {
        private final Map<String, String> entries = new HashMap<>();
        private final Map<String, RuleResult> results = new LinkedHashMap<>();
        private String failure = "";

        void record(TestIdentifier id, Outcome outcome, String reason) {
            String name = id.getDisplayName();
            Matcher m = RULE_ID.matcher(name);
            results.put(id.getUniqueId(), new RuleResult(m.find() ? m.group(1) : "UNKNOWN", name, outcome,
                    outcome == Outcome.PASSED ? "" : reason));
        }

        /** Records every rule under {@code container} that has no outcome yet. */
        void markUnreported(TestPlan plan, TestIdentifier container, Outcome outcome, String reason) {
            for (TestIdentifier d : plan.getDescendants(container)) {
                boolean template = d.isContainer() && d.getSource().filter(MethodSource.class::isInstance).isPresent()
                        && plan.getChildren(d).isEmpty();
                if ((d.isTest() || template) && !results.containsKey(d.getUniqueId())) {
                    record(d, outcome, reason);
                }
            }
        }

        ConformanceReport report() {
            long seed;
            try {
                seed = Long.parseLong(entries.getOrDefault(ReportEntries.SEED, "0"));
            } catch (NumberFormatException e) {
                seed = 0;
            }
            return new ConformanceReport(entries.getOrDefault(ReportEntries.BACKEND, "unknown"),
                    entries.getOrDefault(ReportEntries.DISPLAY_NAME, ""), entries.getOrDefault(ReportEntries.VERSION, ""),
                    entries.getOrDefault(ReportEntries.DEVICE, ""), entries.getOrDefault(ReportEntries.CAPABILITIES, ""),
                    seed, entries.getOrDefault(ReportEntries.UNAVAILABLE, ""), failure, List.copyOf(results.values()));
        }
    }
}
