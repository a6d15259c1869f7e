package org.jdotcompute.testkit.report;

import java.util.Objects;

/**
 * One rule's outcome in a report. Immutable.
 *
 * @param ruleId      the rule id, e.g. {@code KRN-008}
 * @param displayName the test's display name (starts with the rule id)
 * @param outcome     passed, failed or skipped
 * @param reason      why it failed or was skipped; {@code ""} when it passed
 */
public record RuleResult(String ruleId, String displayName, Outcome outcome, String reason) {
    public RuleResult {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reason, "reason");
    }

    /** The rule group: the rule id's prefix ({@code KRN}). */
    public String group() {
        int dash = ruleId.indexOf('-');
        return dash > 0 ? ruleId.substring(0, dash) : ruleId;
    }
}
