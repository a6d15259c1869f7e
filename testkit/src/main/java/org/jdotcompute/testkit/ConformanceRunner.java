package org.jdotcompute.testkit;

import java.io.File;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.stream.Collectors;

import org.jdotcompute.testkit.report.ConformanceReport;
import org.jdotcompute.testkit.report.ConformanceReportListener;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs the conformance suite on one backend through the JUnit Platform Launcher, from the jars
 * the application has (module path or class path) and optional plugin directories — what
 * {@code jdotcompute conformance} does for each backend. Writes the report files like any suite
 * run. Immutable: each {@code with} method returns a new runner; thread-safe.
 *
 * @param pluginDirectories plugin directories whose backends can be tested
 * @param reportDirectory   where {@code <backend>.md} and {@code .json} are written
 * @param seed              the seed of the generated inputs; empty for a fresh one per run
 * @param output            where the report listener prints its lines
 */
public record ConformanceRunner(List<Path> pluginDirectories, Path reportDirectory, OptionalLong seed,
        PrintStream output) {

    public ConformanceRunner {
        pluginDirectories = List.copyOf(pluginDirectories);
        Objects.requireNonNull(reportDirectory, "reportDirectory");
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(output, "output");
    }

    /** No plugins, reports in {@value ConformanceSettings#DEFAULT_REPORT_DIRECTORY}, a fresh seed, standard output. */
    public static ConformanceRunner defaults() {
        return new ConformanceRunner(List.of(), Path.of(ConformanceSettings.DEFAULT_REPORT_DIRECTORY), OptionalLong.empty(),
                System.out);
    }

    /** With the backends of {@code directories} too. */
    public ConformanceRunner withPluginDirectories(List<Path> directories) {
        return new ConformanceRunner(directories, reportDirectory, seed, output);
    }

    /** Writing the reports to {@code directory}. */
    public ConformanceRunner withReportDirectory(Path directory) {
        return new ConformanceRunner(pluginDirectories, directory, seed, output);
    }

    /** Generating inputs from {@code value}. */
    public ConformanceRunner withSeed(long value) {
        return new ConformanceRunner(pluginDirectories, reportDirectory, OptionalLong.of(value), output);
    }

    /** Printing to {@code out}. */
    public ConformanceRunner withOutput(PrintStream out) {
        return new ConformanceRunner(pluginDirectories, reportDirectory, seed, out);
    }

    /**
     * Runs the suite on backend {@code backendId}.
     *
     * @param required whether an unavailable backend fails the suite (with its reason) instead of
     *                 skipping it
     * @return the report; a suite that could not run at all has its reason in
     *         {@link ConformanceReport#suiteFailure()}
     */
    public ConformanceReport run(String backendId, boolean required) {
        Objects.requireNonNull(backendId, "backendId");
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClass(ConfiguredBackendConformance.class))
                .configurationParameter(ConformanceSettings.BACKEND, backendId)
                .configurationParameter(ConformanceSettings.REPORT_DIRECTORY, reportDirectory.toString())
                .configurationParameter(ConformanceSettings.REQUIRE, String.valueOf(required));
        if (!pluginDirectories.isEmpty()) {
            request.configurationParameter(ConformanceSettings.PLUGINS, pluginDirectories.stream().map(Path::toString)
                    .collect(Collectors.joining(File.pathSeparator)));
        }
        seed.ifPresent(s -> request.configurationParameter(ConformanceSettings.SEED, String.valueOf(s)));
        LauncherDiscoveryRequest discovery = request.build();
        // Only this runner's listener: the automatically registered one would write every report twice.
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false).build());
        ConformanceReportListener listener = new ConformanceReportListener(output);
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        launcher.execute(discovery, listener, summary);
        List<ConformanceReport> reports = listener.reports();
        if (reports.isEmpty()) {
            String why = summary.getSummary().getFailures().stream().map(TestExecutionSummary.Failure::getException)
                    .map(Throwable::toString).collect(Collectors.joining("; "));
            return new ConformanceReport(backendId, "", "", "", "", seed.orElse(0), "",
                    "the conformance suite did not run" + (why.isEmpty() ? " (is the JUnit Jupiter engine on the path?)"
                            : ": " + why), List.of());
        }
        return reports.getFirst();
    }
}
