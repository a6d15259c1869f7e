package org.jdotcompute.testkit;

/**
 * Every setting the conformance kit reads, in one place. The {@code jdotcompute.conformance.*}
 * names are JUnit Platform configuration parameters, which JUnit also reads from system
 * properties ({@code -Djdotcompute.conformance.seed=42}) and {@code junit-platform.properties}.
 */
public final class ConformanceSettings {
    /**
     * The seed of every generated input ({@code long}). Without it each run draws a fresh seed; a
     * failing rule's message prints the seed, and setting it reproduces the run's inputs exactly.
     */
    public static final String SEED = "jdotcompute.conformance.seed";
    /** Where the report listener writes {@code <backend>.md} and {@code <backend>.json} (default {@code target/conformance}). */
    public static final String REPORT_DIRECTORY = "jdotcompute.conformance.reportDirectory";
    /** The default of {@link #REPORT_DIRECTORY}. */
    public static final String DEFAULT_REPORT_DIRECTORY = "target/conformance";
    /** The backend id {@link ConfiguredBackendConformance} tests. */
    public static final String BACKEND = "jdotcompute.conformance.backend";
    /** Plugin directories (path-separator separated) whose backends {@link ConfiguredBackendConformance} can test. */
    public static final String PLUGINS = "jdotcompute.conformance.plugins";
    /** {@code true}: an unavailable backend fails the suite instead of skipping it (the runner sets it for {@code --backend}). */
    public static final String REQUIRE = "jdotcompute.conformance.require";
    /** {@code false}: the report listener writes no files and prints no closing line (default {@code true}). */
    public static final String REPORT = "jdotcompute.conformance.report";
    /**
     * The environment variable naming backends that must be available (comma-separated ids; CI
     * sets {@code cpu,opencl}): the suite of such a backend fails, instead of being skipped, when
     * the backend is unavailable.
     */
    public static final String REQUIRE_BACKENDS_ENV = "JDOTCOMPUTE_REQUIRE_BACKENDS";

    private ConformanceSettings() {
    }
}
