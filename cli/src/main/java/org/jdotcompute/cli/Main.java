package org.jdotcompute.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.jdotcompute.api.BackendStatus;
import org.jdotcompute.api.ComputeRuntime;

/** The {@code jdotcompute} command line. */
public final class Main {
    private static final String USAGE = """
            Usage: jdotcompute <command> [options]

            Commands:
              backends [--plugins DIR] [--verbose]
                  List every discovered backend: id, whether it is available here and why not,
                  and its devices. --verbose adds version and origin (module and jar).
              demo [--messages N] [--with-kernel]
                  Run a pipeline of ring kernels (parse -> convert -> aggregate) over N sensor
                  readings (default 100000) and print each kernel's telemetry: messages in and
                  out, drops, queue high-water marks, handler time, end-to-end latency p50/p99.
                  --with-kernel converts each batch with a data-parallel kernel on the backend.
              --help
                  Show this help.

            System properties (pass with JAVA_OPTS="-D..."):
              jdotcompute.backend   select a backend explicitly (never a fallback)
              jdotcompute.plugins   plugin directories to load backends from
            """;

    private Main() {
    }

    /** Runs the command line. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a command, printing to {@code out} and {@code err}; returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        List<String> rest = new ArrayList<>(List.of(args).subList(1, args.length));
        try {
            return switch (args[0]) {
                case "backends" -> backends(rest, out);
                case "demo" -> Demo.run(rest, out, err);
                default -> {
                    err.println("jdotcompute: unknown command '" + args[0] + "'; run 'jdotcompute --help'");
                    yield 2;
                }
            };
        } catch (IllegalArgumentException e) {
            err.println("jdotcompute: " + e.getMessage());
            return 2;
        }
    }

    private static int backends(List<String> args, PrintStream out) {
        boolean verbose = args.remove("--verbose") || args.remove("-v");
        ComputeRuntime.Builder builder = ComputeRuntime.builder();
        while (!args.isEmpty()) {
            String a = args.removeFirst();
            if (a.equals("--plugins") && !args.isEmpty()) {
                builder.pluginDirectory(Path.of(args.removeFirst()));
            } else {
                throw new IllegalArgumentException("unknown option '" + a + "' for 'backends'; run 'jdotcompute --help'");
            }
        }
        List<BackendStatus> found = builder.discover();
        int width = Math.max(6, found.stream().mapToInt(s -> s.id().length()).max().orElse(0));
        out.printf(Locale.ROOT, "%-" + width + "s  %-11s  %8s  %s%n", "ID", "STATUS", "PRIORITY", "DETAILS");
        for (BackendStatus s : found) {
            String details = s.available()
                    ? "devices: " + s.devices().stream().map(Object::toString).collect(Collectors.joining("; "))
                    : s.reason();
            out.printf(Locale.ROOT, "%-" + width + "s  %-11s  %8d  %s%n", s.id(),
                    s.available() ? "available" : "unavailable", s.priority(), details);
            if (verbose) {
                out.printf(Locale.ROOT, "%-" + width + "s  %-11s  %8s  version %s, from %s%n", "", "", "",
                        s.version().isEmpty() ? "unknown" : s.version(), s.location());
            }
        }
        return 0;
    }
}
