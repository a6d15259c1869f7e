package org.jdotcompute.testkit.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jdotcompute.testkit.ConformanceSettings;
import org.jdotcompute.testkit.report.ConformanceReport;
import org.jdotcompute.testkit.report.ConformanceReportListener;
import org.jdotcompute.testkit.report.Outcome;
import org.jdotcompute.testkit.report.RuleResult;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Meta-tests: the conformance suite, run with {@link EngineTestKit} on fake backends, passes a
 * correct one and fails exactly the rules each deliberately broken one breaks.
 */
@DisplayName("The conformance suite, run on fake backends")
class ConformanceMetaTest {
    static final long SEED = 20_250_607L;
    private static final Pattern RULE = Pattern.compile("^([A-Z]{3}-\\d{3})");
    private static final Map<Class<?>, EngineExecutionResults> RUNS = new HashMap<>();

    /** Runs {@code suite} once with the fixed seed (results are shared by the tests). */
    static synchronized EngineExecutionResults run(Class<?> suite) {
        return RUNS.computeIfAbsent(suite, s -> run(s, Map.of()));
    }

    static EngineExecutionResults run(Class<?> suite, Map<String, String> parameters) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(suite))
                .configurationParameter(ConformanceSettings.SEED, String.valueOf(SEED))
                .configurationParameters(parameters).execute();
    }

    static String ruleId(Event e) {
        Matcher m = RULE.matcher(e.getTestDescriptor().getDisplayName());
        return m.find() ? m.group(1) : e.getTestDescriptor().getDisplayName();
    }

    static String message(Event e) {
        return e.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable)
                .map(Throwable::getMessage).orElse("");
    }

    static Set<String> failedRules(EngineExecutionResults r) {
        return r.testEvents().failed().stream().map(ConformanceMetaTest::ruleId)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static String failures(EngineExecutionResults r) {
        return r.testEvents().failed().stream().map(e -> e.getTestDescriptor().getDisplayName() + ": " + message(e))
                .collect(Collectors.joining("\n"));
    }

    static void assertFailsExactly(Class<?> suite, String... rules) {
        EngineExecutionResults r = run(suite);
        assertEquals(new TreeSet<>(List.of(rules)), failedRules(r), () -> "the rules " + suite.getSimpleName()
                + " fails; its failures:\n" + failures(r));
        assertEquals(0, r.containerEvents().failed().count(), "no rule group as a whole may fail");
    }

    @Test
    @DisplayName("the meta-tests run on the module path")
    void guard() {
        assertTrue(getClass().getModule().isNamed(), "tests must run on the module path");
    }

    @Nested
    @DisplayName("a correct fake backend")
    class Correct {
        @Test
        @DisplayName("passes every rule, skipping only the rejection rule for the capabilities it has")
        void passes() {
            EngineExecutionResults r = run(CorrectFake.class);
            assertEquals(Set.of(), failedRules(r), () -> failures(r));
            assertEquals(0, r.containerEvents().failed().count(), "failed rule groups");
            assertTrue(r.testEvents().succeeded().count() >= 130, () -> "passed " + r.testEvents().succeeded().count());
            for (Event skipped : r.testEvents().aborted().list()) {
                assertEquals("CAP-002", ruleId(skipped), () -> "only CAP-002 may be skipped: " + message(skipped));
                assertTrue(message(skipped).matches("capability [A-Z0-9_]+ present: no kernel needing it is rejected"),
                        () -> "the skip names the capability: " + message(skipped));
            }
            assertEquals(7, r.testEvents().aborted().count(), "every capability but SOURCE_KERNELS is present");
        }
    }

    @Nested
    @DisplayName("a broken fake backend fails exactly the rules it breaks")
    class Broken {
        @Test
        @DisplayName("ranges one work-item short: the range, kernel, numerics and every rule reading the last element")
        void offByOne() {
            assertFailsExactly(OffByOneFake.class, "CON-001", "DEX-001", "DEX-002", "DEX-003", "DEX-004", "DSC-004",
                    "KRN-001", "KRN-002", "KRN-003", "KRN-004", "KRN-005", "KRN-006", "KRN-007", "KRN-008", "KRN-009",
                    "KRN-010", "KRN-012", "KRN-013", "KRN-019", "LIF-003", "LIF-005", "LIF-006", "MEM-002", "MEM-003",
                    "NUM-001", "NUM-002", "RNG-013");
        }

        @Test
        @DisplayName("a dropped barrier: local memory, reductions, tiled matmul and the corpus' barrier kernels")
        void droppedBarrier() {
            assertFailsExactly(DroppedBarrierFake.class, "KRN-006", "KRN-007", "KRN-008", "NUM-001");
            EngineExecutionResults r = run(DroppedBarrierFake.class);
            Set<String> kernels = r.testEvents().failed().stream().filter(e -> ruleId(e).equals("NUM-001"))
                    .map(e -> e.getTestDescriptor().getDisplayName().split(" ")[3]).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(Set.of("memory.barrierInDeviceFunction", "memory.localHistogram", "memory.localKinds",
                    "memory.localStartsZeroed", "memory.reduce", "memory.tileSums", "memory.tiledMatmul"), kernels,
                    "the corpus kernels with barriers");
        }

        @Test
        @DisplayName("a swallowed device error: every device-exception rule and the exception round trip")
        void swallowedError() {
            assertFailsExactly(SwallowedErrorFake.class, "DEX-001", "DEX-002", "DEX-003", "DEX-004", "EXC-001");
            EngineExecutionResults r = run(SwallowedErrorFake.class);
            assertTrue(r.testEvents().failed().stream().filter(e -> ruleId(e).equals("DEX-001"))
                    .allMatch(e -> message(e).contains("the backend lost (swallowed) the device failure")), () -> failures(r));
        }

        @Test
        @DisplayName("a silent fallback to another backend: every rule that launches a kernel, through the launch counter")
        void silentFallback() {
            assertFailsExactly(SilentFallbackFake.class, "CON-001", "DEX-001", "DEX-002", "DEX-003", "DEX-004",
                    "DSC-004", "EXC-001", "KRN-001", "KRN-002", "KRN-003", "KRN-004", "KRN-005", "KRN-006", "KRN-007",
                    "KRN-008", "KRN-009", "KRN-010", "KRN-011", "KRN-012", "KRN-013", "KRN-014", "KRN-015", "KRN-019",
                    "LIF-003", "LIF-005", "LIF-006", "MEM-002", "MEM-003", "MEM-004", "NUM-001", "NUM-002", "RNG-013");
            EngineExecutionResults r = run(SilentFallbackFake.class);
            assertTrue(r.testEvents().failed().stream().allMatch(e -> message(e).contains("never fall back silently")
                    || message(e).contains("launchCount()")), () -> failures(r));
        }

        @Test
        @DisplayName("a lost ring message: ordering, lifecycle, backpressure, priorities, failures and ring launches")
        void lostRingMessage() {
            assertFailsExactly(LostRingMessageFake.class, "RNG-001", "RNG-002", "RNG-003", "RNG-004", "RNG-005",
                    "RNG-006", "RNG-009", "RNG-013");
        }

        @Test
        @DisplayName("a capability published absent but used anyway: the rejection rule, naming FP64")
        void hiddenFp64() {
            assertFailsExactly(HiddenFp64Fake.class, "CAP-002");
            EngineExecutionResults r = run(HiddenFp64Fake.class);
            assertEquals(List.of("CAP-002 a kernel needing FP64 is rejected, naming FP64, when FP64 is absent"),
                    r.testEvents().failed().stream().map(e -> e.getTestDescriptor().getDisplayName()).toList());
        }
    }

    @Nested
    @DisplayName("capabilities")
    class Capabilities {
        @Test
        @DisplayName("an absent capability skips the rules that need it, naming it, and the rejection rule passes")
        void absentIsSkipped() {
            EngineExecutionResults r = run(NoFp64Fake.class);
            assertEquals(Set.of(), failedRules(r), () -> failures(r));
            List<Event> fp64 = r.testEvents().aborted().stream().filter(e -> message(e).startsWith("capability FP64 absent: "))
                    .toList();
            assertTrue(fp64.size() >= 10, () -> "rules skipped for FP64: " + fp64.size());
            assertTrue(fp64.stream().anyMatch(e -> ruleId(e).equals("KRN-015")), "KRN-015 passes doubles");
            assertTrue(r.testEvents().succeeded().stream().anyMatch(e -> e.getTestDescriptor().getDisplayName()
                    .equals("CAP-002 a kernel needing FP64 is rejected, naming FP64, when FP64 is absent")),
                    "the rejection rule ran and passed");
            assertEquals(0, r.testEvents().skipped().count() + r.containerEvents().skipped().count(),
                    "skips are reported per rule, with a reason");
        }
    }

    @Nested
    @DisplayName("an unavailable backend")
    class Unavailable {
        @Test
        @DisplayName("skips the whole suite with the probe's reason")
        void skipped() {
            EngineExecutionResults r = run(UnavailableFake.class);
            assertEquals(0, r.testEvents().started().count(), "no rule runs");
            Event suite = r.containerEvents().skipped().list().getFirst();
            assertEquals("UnavailableFake", suite.getTestDescriptor().getDisplayName());
            String reason = suite.getPayload(String.class).orElse("");
            assertTrue(reason.contains(FakeProvider.UNAVAILABLE_REASON) && reason.contains("fake-unavailable"),
                    () -> "the skip reason: " + reason);
        }

        @Test
        @DisplayName("fails the suite with the probe's reason when it is required")
        void requiredFails() {
            EngineExecutionResults r = run(UnavailableFake.class, Map.of(ConformanceSettings.REQUIRE, "true"));
            Event failed = r.containerEvents().failed().list().getFirst();
            String m = message(failed);
            assertTrue(m.contains("backend 'fake-unavailable' is required") && m.contains(FakeProvider.UNAVAILABLE_REASON),
                    () -> "the failure: " + m);
            assertEquals(0, r.testEvents().started().count(), "no rule runs");
        }
    }

    @Nested
    @DisplayName("a failing rule")
    class Seeds {
        @Test
        @DisplayName("prints the seed and how to reproduce the run")
        void printsSeed() {
            EngineExecutionResults r = run(SwallowedErrorFake.class);
            assertTrue(r.testEvents().failed().count() > 0, "the fake fails rules");
            for (Event e : r.testEvents().failed().list()) {
                assertTrue(message(e).endsWith("[backend 'fake-swallowed-error', seed " + SEED
                        + ": reproduce with -Djdotcompute.conformance.seed=" + SEED + "]"), () -> message(e));
            }
        }
    }

    @Nested
    @DisplayName("the report listener")
    class Report {
        @Test
        @DisplayName("is registered for the JUnit Platform Launcher on the module path and on the class path")
        void registered() throws IOException {
            var descriptor = ConformanceReportListener.class.getModule().getDescriptor();
            assertTrue(descriptor.provides().stream().anyMatch(p -> p.service().equals(
                    "org.junit.platform.launcher.TestExecutionListener")
                    && p.providers().equals(List.of(ConformanceReportListener.class.getName()))), descriptor::toString);
            try (var in = ConformanceReportListener.class.getModule().getResourceAsStream(
                    "META-INF/services/org.junit.platform.launcher.TestExecutionListener")) {
                assertEquals(ConformanceReportListener.class.getName(),
                        new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
            }
        }

        @Test
        @DisplayName("writes <backend>.md and .json with every rule's outcome and prints the closing line")
        void writes(@TempDir Path dir) throws IOException {
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            ConformanceReportListener listener = new ConformanceReportListener(new PrintStream(printed, true,
                    StandardCharsets.UTF_8));
            LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build())
                    .execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(DroppedBarrierFake.class),
                            selectClass(UnavailableFake.class))
                            .configurationParameter(ConformanceSettings.REPORT_DIRECTORY, dir.toString())
                            .configurationParameter(ConformanceSettings.SEED, String.valueOf(SEED)).build(), listener);
            List<ConformanceReport> reports = listener.reports();
            assertEquals(List.of("fake-dropped-barrier", "fake-unavailable"),
                    reports.stream().map(ConformanceReport::backendId).toList());

            ConformanceReport broken = reports.getFirst();
            assertEquals(Set.of("KRN-006", "KRN-007", "KRN-008", "NUM-001"), broken.failures().stream()
                    .map(RuleResult::ruleId).collect(Collectors.toSet()));
            assertEquals(SEED, broken.seed());
            assertTrue(broken.capabilities().contains("BARRIERS"), broken.capabilities());
            String md = Files.readString(dir.resolve("fake-dropped-barrier.md"));
            String json = Files.readString(dir.resolve("fake-dropped-barrier.json"));
            assertTrue(md.startsWith("# Conformance report: fake-dropped-barrier (Fake)"), md);
            assertTrue(md.contains("| KRN | data-parallel kernels | "), md);
            assertTrue(md.contains("| failed | KRN-006 group-local memory and a barrier exchange values"), md);
            assertTrue(json.contains("\"backend\": \"fake-dropped-barrier\""), json);
            assertTrue(json.contains("\"totals\": {\"passed\": " + broken.count(Outcome.PASSED) + ", \"failed\": "
                    + broken.count(Outcome.FAILED) + ", \"skipped\": " + broken.count(Outcome.SKIPPED) + "}"), json);
            assertTrue(json.contains("{\"rule\": \"KRN-006\", \"group\": \"KRN\""), json);

            ConformanceReport off = reports.get(1);
            assertEquals(FakeProvider.UNAVAILABLE_REASON, off.unavailableReason());
            assertEquals(0, off.count(Outcome.PASSED) + off.count(Outcome.FAILED));
            assertTrue(off.count(Outcome.SKIPPED) >= 60, () -> "every rule is reported skipped: " + off.summary());
            assertTrue(off.rules().stream().allMatch(rr -> rr.reason().contains(FakeProvider.UNAVAILABLE_REASON)),
                    "each with the probe's reason");

            List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
            assertTrue(lines.contains(broken.summary()) && lines.contains("0 passed, 0 failed, " + off.count(Outcome.SKIPPED)
                    + " skipped"), () -> "the closing lines: " + lines);
            assertTrue(broken.summary().matches("\\d+ passed, 4 failed, \\d+ skipped") || broken.summary()
                    .matches("\\d+ passed, \\d+ failed, \\d+ skipped"), broken.summary());
        }
    }
}
