package org.jdotcompute.testkit;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

import org.jdotcompute.api.BackendInfo;
import org.jdotcompute.api.BackendStatus;
import org.jdotcompute.api.Capabilities;
import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.testkit.report.ReportEntries;
import org.jdotcompute.testkit.rules.Kit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.platform.commons.support.ReflectionSupport;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * The machinery behind {@link BackendConformanceSuite}, which registers it; not for direct use.
 * Decides whether the suite runs (the
 * backend's availability and {@value ConformanceSettings#REQUIRE_BACKENDS_ENV}), publishes the
 * report entries, owns the suite's {@link Kit} (resolved as a rule parameter, closed after the
 * suite), and adds the seed to every failure. Stateless: its state lives in the suite's
 * extension-context store.
 */
public final class SuiteExtension implements ExecutionCondition, BeforeAllCallback, AfterAllCallback, ParameterResolver,
        TestExecutionExceptionHandler {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SuiteExtension.class);
    private static final String TARGET = "target";
    private static final String KIT = "kit";

    /** What one suite run tests. */
    private record Target(String backendId, RuntimeFactory factory, long seed, boolean required, BackendStatus status) {
    }

    /** For JUnit. */
    public SuiteExtension() {
    }

    private static boolean isSuite(ExtensionContext context) {
        return context.getTestMethod().isEmpty() && context.getTestClass()
                .filter(BackendConformanceSuite.class::isAssignableFrom).isPresent();
    }

    private static Target target(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(TARGET, k -> resolve(context), Target.class);
    }

    private static Target resolve(ExtensionContext context) {
        Class<?> type = context.getRequiredTestClass();
        BackendConformanceSuite suite = (BackendConformanceSuite) ReflectionSupport.newInstance(type);
        String id = suite.configuredBackendId(context);
        if (id == null || id.isBlank()) {
            throw new ExtensionConfigurationException(type.getName() + ".backendId() returned '" + id
                    + "'; return the id of the backend under test, e.g. \"cpu\"");
        }
        RuntimeFactory factory = suite.configuredFactory(context, id, context.getStore(NAMESPACE));
        if (factory == null) {
            throw new ExtensionConfigurationException(type.getName() + ".runtimeFactory() returned null");
        }
        long seed = context.getConfigurationParameter(ConformanceSettings.SEED).map(s -> parseSeed(s))
                .orElseGet(() -> RandomGenerator.getDefault().nextLong());
        boolean required = requiredByEnvironment(id)
                || context.getConfigurationParameter(ConformanceSettings.REQUIRE, Boolean::parseBoolean).orElse(false);
        return new Target(id, factory, seed, required, factory.status());
    }

    private static long parseSeed(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            throw new ExtensionConfigurationException(ConformanceSettings.SEED + "=" + s
                    + " is not a seed; give a whole number (a long), e.g. the one a failing rule printed", e);
        }
    }

    private static boolean requiredByEnvironment(String id) {
        String value = System.getenv(ConformanceSettings.REQUIRE_BACKENDS_ENV);
        return value != null && Arrays.stream(value.toLowerCase(Locale.ROOT).split("[,\\s]+"))
                .anyMatch(id.toLowerCase(Locale.ROOT)::equals);
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!isSuite(context)) {
            return ConditionEvaluationResult.enabled("not a conformance suite container");
        }
        Target t = target(context);
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put(ReportEntries.BACKEND, t.backendId());
        entries.put(ReportEntries.DISPLAY_NAME, t.status().displayName());
        entries.put(ReportEntries.VERSION, t.status().version());
        entries.put(ReportEntries.SEED, String.valueOf(t.seed()));
        if (!t.status().devices().isEmpty()) {
            entries.put(ReportEntries.DEVICE, t.status().devices().getFirst().toString());
        }
        if (!t.status().available()) {
            entries.put(ReportEntries.UNAVAILABLE, t.status().reason());
        }
        entries.values().removeIf(String::isBlank); // JUnit refuses blank values
        context.publishReportEntry(entries);
        if (t.status().available()) {
            return ConditionEvaluationResult.enabled("backend '" + t.backendId() + "' is available");
        }
        if (t.required()) {
            return ConditionEvaluationResult.enabled("backend '" + t.backendId() + "' is unavailable but required:"
                    + " the suite fails");
        }
        return ConditionEvaluationResult.disabled("backend '" + t.backendId() + "' is unavailable on this machine: "
                + t.status().reason());
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!isSuite(context)) {
            return;
        }
        Target t = target(context);
        if (!t.status().available()) {
            throw new AssertionFailedError("backend '" + t.backendId() + "' is required ("
                    + (requiredByEnvironment(t.backendId()) ? ConformanceSettings.REQUIRE_BACKENDS_ENV + "="
                            + System.getenv(ConformanceSettings.REQUIRE_BACKENDS_ENV)
                            : ConformanceSettings.REQUIRE + "=true")
                    + ") but unavailable on this machine: " + t.status().reason());
        }
        Kit kit = Kit.create(t.factory(), t.seed());
        context.getStore(NAMESPACE).put(KIT, kit);
        // Open the shared runtime now: a backend that cannot be opened fails every rule with the reason.
        ComputeRuntime rt = kit.runtime();
        BackendInfo info = rt.backend();
        context.publishReportEntry(Map.of(ReportEntries.DEVICE, String.valueOf(info.device()),
                ReportEntries.CAPABILITIES, sorted(info.capabilities().features()) + ", local memory "
                        + info.capabilities().localMemoryBytes() + " bytes, max work-group "
                        + info.capabilities().maxWorkGroupSize() + ", max allocation "
                        + info.capabilities().maxAllocationBytes() + " bytes"));
    }

    private static Set<Capabilities.Feature> sorted(Set<Capabilities.Feature> features) {
        return features.isEmpty() ? EnumSet.noneOf(Capabilities.Feature.class) : EnumSet.copyOf(features);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (isSuite(context)) {
            Kit kit = context.getStore(NAMESPACE).remove(KIT, Kit.class);
            if (kit != null) {
                kit.close();
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Kit.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return Optional.ofNullable(context.getStore(NAMESPACE).get(KIT, Kit.class)).orElseThrow(() ->
                new ExtensionConfigurationException("no conformance kit for " + context.getDisplayName()
                        + ": rules run only inside a BackendConformanceSuite"));
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        if (failure instanceof TestAbortedException || failure instanceof VirtualMachineError) {
            throw failure;
        }
        Target t = context.getStore(NAMESPACE).get(TARGET, Target.class);
        if (t == null) {
            throw failure;
        }
        String what = failure instanceof AssertionError ? String.valueOf(failure.getMessage()) : failure.toString();
        AssertionFailedError withSeed = new AssertionFailedError(what + " [backend '" + t.backendId() + "', seed "
                + t.seed() + ": reproduce with -D" + ConformanceSettings.SEED + "=" + t.seed() + "]", failure);
        withSeed.setStackTrace(failure.getStackTrace());
        throw withSeed;
    }
}
