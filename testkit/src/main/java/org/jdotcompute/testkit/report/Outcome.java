package org.jdotcompute.testkit.report;

/** A rule's outcome. Immutable. */
public enum Outcome {
    /** The rule held. */
    PASSED,
    /** The rule was broken (or could not run because the suite failed). */
    FAILED,
    /** The rule does not apply: a capability is absent, or the backend is unavailable here. */
    SKIPPED
}
