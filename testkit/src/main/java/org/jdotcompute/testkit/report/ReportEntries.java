package org.jdotcompute.testkit.report;

/**
 * The JUnit report entries a conformance suite publishes on its class container, which
 * {@link ConformanceReportListener} reads (another listener may read them too). Stateless.
 */
public final class ReportEntries {
    /** The backend id; its presence marks a container as a conformance suite. */
    public static final String BACKEND = "jdotcompute.conformance.backend";
    /** The backend's display name. */
    public static final String DISPLAY_NAME = "jdotcompute.conformance.displayName";
    /** The backend's version. */
    public static final String VERSION = "jdotcompute.conformance.version";
    /** The device the suite runs on. */
    public static final String DEVICE = "jdotcompute.conformance.device";
    /** The seed of the generated inputs. */
    public static final String SEED = "jdotcompute.conformance.seed";
    /** Why the backend is unavailable (absent when it is available). */
    public static final String UNAVAILABLE = "jdotcompute.conformance.unavailable";
    /** The published capabilities. */
    public static final String CAPABILITIES = "jdotcompute.conformance.capabilities";

    private ReportEntries() {
    }
}
