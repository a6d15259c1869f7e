/**
 * The JDotCompute conformance kit: one JUnit Jupiter suite every backend runs
 * ({@link org.jdotcompute.testkit.BackendConformanceSuite}, its rule groups in
 * {@link org.jdotcompute.testkit.rules}), a report listener that writes
 * {@code target/conformance/<backend>.md} and {@code .json} ({@link org.jdotcompute.testkit.report}),
 * a runner for the JUnit Platform Launcher ({@link org.jdotcompute.testkit.ConformanceRunner}), and
 * the kernel corpus ({@link org.jdotcompute.testkit.corpus}).
 */
module org.jdotcompute.testkit {
    requires transitive org.jdotcompute.spi;
    requires transitive org.junit.jupiter.api;
    requires transitive org.junit.jupiter.params;
    requires transitive org.junit.platform.launcher;

    exports org.jdotcompute.testkit;
    exports org.jdotcompute.testkit.corpus;
    exports org.jdotcompute.testkit.report;
    exports org.jdotcompute.testkit.rules;

    // JUnit instantiates the suite's extension and invokes the inherited rule groups reflectively.
    opens org.jdotcompute.testkit to org.junit.platform.commons;
    opens org.jdotcompute.testkit.rules to org.junit.platform.commons;

    uses org.jdotcompute.spi.BackendProvider;

    provides org.junit.platform.launcher.TestExecutionListener
            with org.jdotcompute.testkit.report.ConformanceReportListener;
}
