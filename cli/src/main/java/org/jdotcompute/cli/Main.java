package org.jdotcompute.cli;

import java.io.File;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.jdotcompute.api.BackendStatus;
import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.api.PluginInfo;
import org.jdotcompute.api.PluginManager;
import org.jdotcompute.api.SystemProperties;

/** The {@code jdotcompute} command line. */
public final class Main {
    private static final String USAGE = """
            Usage: jdotcompute <command> [options]

            Commands:
              backends [--plugins DIR]... [--verbose]
                  List every discovered backend: id, whether it is available here and why not,
                  and its devices. --verbose adds version and origin (module and jar).
                  --plugins DIR loads the backend plugins of DIR (each sub-directory or jar
                  file in it is one plugin, in its own module layer) and lists them too:
                  state, version, location, modules, backends, and why a plugin failed.
              demo [--messages N] [--with-kernel]
                  Run a pipeline of ring kernels (parse -> convert -> aggregate) over N sensor
                  readings (default 100000) and print each kernel's telemetry: messages in and
                  out, drops, queue high-water marks, handler time, end-to-end latency p50/p99.
                  --with-kernel converts each batch with a data-parallel kernel on the backend.
              conformance [--backend ID]... [--plugins DIR]... [--seed N] [--reports DIR] [--verbose]
                  Run the conformance kit (JUnit Platform Launcher) against every discovered
                  backend, or only the ones named with --backend, from the installed jars (and the
                  backend plugins of DIR). Prints per backend a table of rule groups with passed,
                  failed and skipped rules, the failures with their reasons and the reasons for
                  skips; writes DIR/<backend>.md and .json (default target/conformance). A backend
                  named with --backend that is unavailable fails. Exit code 1 on any failure.
                  --seed N reproduces a run's inputs; --verbose keeps the engine's INFO logging.
              --help
                  Show this help.

            System properties (pass with JAVA_OPTS="-D..."):
              jdotcompute.backend   select a backend explicitly (never a fallback)
              jdotcompute.plugins   plugin directories to load backends from (used when no
                                    --plugins is given)
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
                case "conformance" -> ConformanceCommand.parse(rest).run(out);
                default -> {
                    err.println("jdotcompute: unknown command '" + args[0] + "'; run 'jdotcompute --help'");
                    yield 2;
                }
            };
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("jdotcompute: " + e.getMessage());
            return 2;
        }
    }

    private static int backends(List<String> args, PrintStream out) {
        boolean verbose = args.remove("--verbose") | args.remove("-v");
        List<Path> directories = new ArrayList<>();
        while (!args.isEmpty()) {
            String a = args.removeFirst();
            if (a.equals("--plugins")) {
                if (args.isEmpty()) {
                    throw new IllegalArgumentException("--plugins needs a directory, e.g. --plugins plugins/");
                }
                directories.add(Path.of(args.removeFirst()));
            } else {
                throw new IllegalArgumentException("unknown option '" + a + "' for 'backends'; run 'jdotcompute --help'");
            }
        }
        if (directories.isEmpty()) {
            directories = propertyDirectories();
        }
        if (directories.isEmpty()) {
            printBackends(ComputeRuntime.builder().discover(), verbose, out);
            return 0;
        }
        try (PluginManager plugins = PluginManager.open(directories)) {
            printBackends(ComputeRuntime.builder().plugins(plugins).discover(), verbose, out);
            out.println();
            printPlugins(plugins.plugins(), out);
        }
        return 0;
    }

    /** The directories of {@value SystemProperties#PLUGINS}, as the engine reads them. */
    private static List<Path> propertyDirectories() {
        List<Path> dirs = new ArrayList<>();
        for (String part : System.getProperty(SystemProperties.PLUGINS, "").split(File.pathSeparator)) {
            if (!part.isBlank()) {
                dirs.add(Path.of(part.strip()));
            }
        }
        return dirs;
    }

    private static void printBackends(List<BackendStatus> found, boolean verbose, PrintStream out) {
        int width = Math.max(6, found.stream().mapToInt(s -> s.id().length()).max().orElse(0));
        out.printf(Locale.ROOT, "%-" + width + "s  %-11s  %8s  %s%n", "ID", "STATUS", "PRIORITY", "DETAILS");
        for (BackendStatus s : found) {
            String details = s.available()
                    ? "devices: " + s.devices().stream().map(Object::toString).collect(Collectors.joining("; "))
                    : s.reason();
            // Integer.MIN_VALUE: a provider (or plugin) that could not say its priority
            out.printf(Locale.ROOT, "%-" + width + "s  %-11s  %8s  %s%n", s.id(),
                    s.available() ? "available" : "unavailable",
                    s.priority() == Integer.MIN_VALUE ? "-" : String.valueOf(s.priority()), details);
            if (verbose) {
                out.printf(Locale.ROOT, "%-" + width + "s  %-11s  %8s  version %s, from %s%n", "", "", "",
                        s.version().isEmpty() ? "unknown" : s.version(), s.location());
            }
        }
    }

    /** The plugins with their locations: operators see what was loaded from where. */
    private static void printPlugins(List<PluginInfo> plugins, PrintStream out) {
        int width = Math.max(6, plugins.stream().mapToInt(p -> p.id().length()).max().orElse(0));
        out.printf(Locale.ROOT, "%-" + width + "s  %-8s  %-10s  %s%n", "PLUGIN", "STATE", "VERSION", "LOCATION");
        if (plugins.isEmpty()) {
            out.println("(no plugins: the plugin directories hold no sub-directory and no jar file)");
        }
        for (PluginInfo p : plugins) {
            out.printf(Locale.ROOT, "%-" + width + "s  %-8s  %-10s  %s%n", p.id(), p.state(),
                    p.version().isEmpty() ? "-" : p.version(), p.location());
            String details = switch (p.state()) {
                case LOADED -> "modules: " + String.join(", ", p.modules()) + "; backends: " + p.backends().stream()
                        .map(b -> b.id() + (b.available() ? " (available)" : " (unavailable)"))
                        .collect(Collectors.joining(", "));
                case FAILED -> p.reason();
                case UNLOADED -> "unloaded";
            };
            out.printf(Locale.ROOT, "%-" + width + "s  %s%n", "", details);
        }
    }
}
