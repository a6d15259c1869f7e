package org.jdotcompute.testkit.rules;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The base of every rule group: rules run in rule-id order, each under a preemptive timeout (a
 * backend that hangs fails the rule instead of hanging the suite).
 *
 * <p>Instances are confined to one test.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@TestMethodOrder(MethodOrderer.DisplayName.class)
public abstract class RuleGroup {
    /** For subclasses. */
    protected RuleGroup() {
    }
}
