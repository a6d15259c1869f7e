package org.jdotcompute.testkit.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one conformance suite run on one backend. Immutable.
 *
 * @param backendId         the backend id
 * @param displayName       its display name ({@code ""} if unknown)
 * @param version           its version ({@code ""} if unknown)
 * @param device            the device it ran on ({@code ""} if unknown)
 * @param capabilities      the published capabilities ({@code ""} if unknown)
 * @param seed              the seed of the generated inputs
 * @param unavailableReason why the backend is unavailable here; {@code ""} when it is available
 * @param suiteFailure      why the suite as a whole failed (e.g. a required backend is unavailable); {@code ""} if it did not
 * @param rules             every rule's outcome, in the order they ran
 */
public record ConformanceReport(String backendId, String displayName, String version, String device,
        String capabilities, long seed, String unavailableReason, String suiteFailure, List<RuleResult> rules) {

    /** The rule groups and their titles, in suite order. */
    public static final Map<String, String> GROUPS = groups();

    public ConformanceReport {
        Objects.requireNonNull(backendId, "backendId");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(capabilities, "capabilities");
        Objects.requireNonNull(unavailableReason, "unavailableReason");
        Objects.requireNonNull(suiteFailure, "suiteFailure");
        rules = List.copyOf(rules);
    }

    private static Map<String, String> groups() {
        Map<String, String> g = new LinkedHashMap<>();
        g.put("DSC", "discovery and probe honesty");
        g.put("CAP", "capabilities");
        g.put("LIF", "lifecycle and close");
        g.put("MEM", "memory");
        g.put("KRN", "data-parallel kernels");
        g.put("NUM", "numerics");
        g.put("DEX", "device exceptions");
        g.put("RNG", "ring kernels");
        g.put("EXC", "exceptions");
        g.put("CON", "concurrency");
        return Collections.unmodifiableMap(g);
    }

    /** How many rules had {@code outcome}. */
    public long count(Outcome outcome) {
        return rules.stream().filter(r -> r.outcome() == outcome).count();
    }

    /** Whether no rule failed and the suite itself did not fail. */
    public boolean passed() {
        return count(Outcome.FAILED) == 0 && suiteFailure.isEmpty();
    }

    /** The closing line: {@code N passed, N failed, N skipped}. */
    public String summary() {
        return count(Outcome.PASSED) + " passed, " + count(Outcome.FAILED) + " failed, " + count(Outcome.SKIPPED)
                + " skipped";
    }

    /** Per group (in suite order, then any other group): passed, failed and skipped counts. */
    public Map<String, long[]> countsByGroup() {
        Map<String, long[]> counts = new LinkedHashMap<>();
        GROUPS.keySet().forEach(g -> counts.put(g, new long[3]));
        for (RuleResult r : rules) {
            counts.computeIfAbsent(r.group(), g -> new long[3])[r.outcome().ordinal()]++;
        }
        return counts;
    }

    /** The rules that failed. */
    public List<RuleResult> failures() {
        return rules.stream().filter(r -> r.outcome() == Outcome.FAILED).toList();
    }

    /** The report as Markdown. */
    public String toMarkdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Conformance report: ").append(backendId)
                .append(displayName.isEmpty() ? "" : " (" + displayName + ")").append("\n\n");
        md.append("| | |\n|---|---|\n");
        row(md, "backend", backendId);
        row(md, "version", version.isEmpty() ? "unknown" : version);
        row(md, "device", device.isEmpty() ? "unknown" : device);
        row(md, "capabilities", capabilities.isEmpty() ? "unknown" : capabilities);
        row(md, "seed", seed + " (reproduce with -Djdotcompute.conformance.seed=" + seed + ")");
        row(md, "available", unavailableReason.isEmpty() ? "yes" : "no: " + unavailableReason);
        if (!suiteFailure.isEmpty()) {
            row(md, "suite failure", suiteFailure);
        }
        row(md, "result", summary());
        md.append("\n## Rule groups\n\n| group | | passed | failed | skipped |\n|---|---|---:|---:|---:|\n");
        countsByGroup().forEach((g, c) -> {
            if (c[0] + c[1] + c[2] > 0) {
                md.append("| ").append(g).append(" | ").append(GROUPS.getOrDefault(g, "")).append(" | ").append(c[0])
                        .append(" | ").append(c[1]).append(" | ").append(c[2]).append(" |\n");
            }
        });
        md.append("\n## Rules\n\n| outcome | rule | reason |\n|---|---|---|\n");
        for (RuleResult r : rules) {
            md.append("| ").append(r.outcome().name().toLowerCase(Locale.ROOT)).append(" | ").append(cell(r.displayName()))
                    .append(" | ").append(cell(r.reason())).append(" |\n");
        }
        return md.toString();
    }

    private static void row(StringBuilder md, String key, String value) {
        md.append("| ").append(key).append(" | ").append(cell(value)).append(" |\n");
    }

    private static String cell(String s) {
        return s.replace("\\", "\\\\").replace("|", "\\|").replace("\r", "").replace("\n", "<br>");
    }

    /** The report as JSON. */
    public String toJson() {
        StringBuilder j = new StringBuilder("{\n");
        field(j, "backend", backendId).append(",\n");
        field(j, "displayName", displayName).append(",\n");
        field(j, "version", version).append(",\n");
        field(j, "device", device).append(",\n");
        field(j, "capabilities", capabilities).append(",\n");
        j.append("  \"seed\": ").append(seed).append(",\n");
        j.append("  \"available\": ").append(unavailableReason.isEmpty()).append(",\n");
        field(j, "unavailableReason", unavailableReason).append(",\n");
        field(j, "suiteFailure", suiteFailure).append(",\n");
        j.append("  \"totals\": {\"passed\": ").append(count(Outcome.PASSED)).append(", \"failed\": ")
                .append(count(Outcome.FAILED)).append(", \"skipped\": ").append(count(Outcome.SKIPPED)).append("},\n");
        j.append("  \"rules\": [");
        List<String> items = new ArrayList<>();
        for (RuleResult r : rules) {
            items.add("\n    {\"rule\": " + quote(r.ruleId()) + ", \"group\": " + quote(r.group()) + ", \"name\": "
                    + quote(r.displayName()) + ", \"outcome\": " + quote(r.outcome().name().toLowerCase(Locale.ROOT))
                    + ", \"reason\": " + quote(r.reason()) + "}");
        }
        j.append(String.join(",", items)).append(rules.isEmpty() ? "]\n" : "\n  ]\n").append("}\n");
        return j.toString();
    }

    private static StringBuilder field(StringBuilder j, String key, String value) {
        return j.append("  ").append(quote(key)).append(": ").append(quote(value));
    }

    /** A JSON string literal. */
    static String quote(String s) {
        StringBuilder q = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\r' -> q.append("\\r");
                case '\t' -> q.append("\\t");
                default -> {
                    if (c < 0x20) {
                        q.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }
}
