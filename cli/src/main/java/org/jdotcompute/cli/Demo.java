package org.jdotcompute.cli;

import java.io.PrintStream;
import java.lang.invoke.MethodHandles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

import org.jdotcompute.api.BackendStatus;
import org.jdotcompute.api.CompiledKernel;
import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.api.Kernel;
import org.jdotcompute.api.KernelContext;
import org.jdotcompute.api.Range;
import org.jdotcompute.api.exceptions.BackendNotAvailableException;
import org.jdotcompute.api.exceptions.ComputeExceptionGroup;
import org.jdotcompute.api.ring.RingKernelContext;
import org.jdotcompute.api.ring.RingKernelMetrics;
import org.jdotcompute.api.ring.RingKernelOptions;
import org.jdotcompute.api.ring.RingKernelRuntime;

/**
 * {@code jdotcompute demo}: a pipeline of three ring kernels — parse → convert → aggregate — fed
 * with sensor readings, then the telemetry of each kernel. Each kernel sends its outputs to its
 * output queue; a forwarding thread per link receives them and sends them on, so every stage
 * shows its own end-to-end latency. With {@code --with-kernel} the convert kernel launches a
 * data-parallel kernel on the runtime's backend for each batch. Not thread-safe; one run at a time.
 */
final class Demo {
    private static final int BATCH = 256;
    private static final int SENSORS = 8;

    /** A parsed reading. */
    record Reading(int sensor, float value) {
    }

    /** Marks the end of the input; each kernel passes it on after finishing its work. */
    record Flush() {
    }

    /** Per-sensor statistics, the aggregate kernel's answer to a {@link Flush}. */
    record Summary(TreeMap<Integer, double[]> bySensor, long readings) {
    }

    private final PrintStream out;
    private final int messages;
    private final boolean withKernel;

    private Demo(PrintStream out, int messages, boolean withKernel) {
        this.out = out;
        this.messages = messages;
        this.withKernel = withKernel;
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        int messages = 100_000;
        boolean withKernel = false;
        while (!args.isEmpty()) {
            String a = args.removeFirst();
            switch (a) {
                case "--messages" -> {
                    if (args.isEmpty()) {
                        throw new IllegalArgumentException("--messages needs a count, e.g. --messages 100000");
                    }
                    String n = args.removeFirst();
                    try {
                        messages = Integer.parseInt(n);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--messages " + n + " is not a whole number", e);
                    }
                    if (messages <= 0) {
                        throw new IllegalArgumentException("--messages " + n + " must be positive");
                    }
                }
                case "--with-kernel" -> withKernel = true;
                default -> throw new IllegalArgumentException("unknown option '" + a + "' for 'demo'; run 'jdotcompute --help'");
            }
        }
        RingKernelRuntime ring;
        try {
            ring = RingKernelRuntime.create();
        } catch (BackendNotAvailableException e) {
            err.println("jdotcompute demo: no backend can be opened, so there is no runtime to host the ring kernels: "
                    + e.getMessage() + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")"));
            for (BackendStatus s : ComputeRuntime.discover()) {
                err.println("  " + s.id() + ": " + (s.available() ? "available" : "unavailable: " + s.reason()));
            }
            err.println("Put a backend such as jdotcompute-backend-cpu on the module path and run the demo again.");
            return 1;
        }
        return run(ring, messages, withKernel, out, err);
    }

    /** Runs the demo on {@code ring} (which it closes). */
    static int run(RingKernelRuntime ring, int messages, boolean withKernel, PrintStream out, PrintStream err) {
        return new Demo(out, messages, withKernel).run(ring, err);
    }

    private int run(RingKernelRuntime ring, PrintStream err) {
        Summary summary;
        List<RingKernelMetrics> metrics = new ArrayList<>();
        long start = System.nanoTime();
        try (ring) {
            launch(ring);
            List<Thread> links = List.of(link(ring, "parse", "convert"), link(ring, "convert", "aggregate"));
            for (int i = 0; i < messages; i++) {
                ring.send("parse", "sensor-" + (i % SENSORS) + "," + String.format(Locale.ROOT, "%.2f", 15.0 + (i % 200) / 10.0));
            }
            ring.send("parse", new Flush());
            summary = ring.receive("aggregate", Duration.ofMinutes(2));
            for (Thread link : links) {
                link.join();
            }
            for (String id : List.of("parse", "convert", "aggregate")) {
                ring.terminate(id); // so the figures are final
                metrics.add(ring.metrics(id));
            }
        } catch (ComputeExceptionGroup e) {
            err.println("jdotcompute demo: a ring kernel failed: " + e.getMessage());
            e.exceptions().forEach(x -> err.println("  " + x));
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("jdotcompute demo: interrupted");
            return 1;
        }
        long elapsedNanos = System.nanoTime() - start;
        print(summary, metrics, elapsedNanos);
        return 0;
    }

    /** A thread that receives {@code from}'s outputs and sends them to {@code to}, up to the Flush. */
    private static Thread link(RingKernelRuntime ring, String from, String to) {
        return Thread.ofPlatform().name("demo-link-" + from + "-" + to).start(() -> {
            Object m;
            do {
                m = ring.receive(from);
                ring.send(to, m);
            } while (!(m instanceof Flush));
        });
    }

    private void launch(RingKernelRuntime ring) {
        ring.<Object, Object>launch("parse", Demo::parse, RingKernelOptions.defaults());
        ring.<Object, Object>launch("convert", this::convert, RingKernelOptions.defaults());
        ring.<Object, Summary>launch("aggregate", Demo::aggregate, RingKernelOptions.defaults()
                .withOutputType(Summary.class));
        ring.activate("aggregate");
        ring.activate("convert");
        ring.activate("parse");
    }

    /** "sensor-3,21.50" → Reading(3, 21.5). */
    private static void parse(RingKernelContext<Object, Object> ctx) {
        Object m;
        while ((m = ctx.receive()) != null) {
            if (m instanceof String line) {
                int comma = line.indexOf(',');
                int sensor = Integer.parseInt(line, line.indexOf('-') + 1, comma, 10);
                ctx.send(new Reading(sensor, Float.parseFloat(line.substring(comma + 1))));
            } else {
                ctx.send(m);
            }
        }
    }

    /** Celsius → Fahrenheit, a batch at a time (on the backend with --with-kernel). */
    private void convert(RingKernelContext<Object, Object> ctx) {
        CompiledKernel kernel = withKernel ? ctx.runtime().compile(MethodHandles.lookup(), "toFahrenheit") : null;
        int[] sensors = new int[BATCH];
        float[] values = new float[BATCH];
        int n = 0;
        Object m;
        while ((m = ctx.receive()) != null) {
            if (m instanceof Reading r) {
                sensors[n] = r.sensor();
                values[n++] = r.value();
            }
            if (n == BATCH || (m instanceof Flush && n > 0)) {
                if (kernel != null) {
                    ctx.runtime().launch(kernel, Range.of(BATCH), values);
                } else {
                    for (int i = 0; i < n; i++) {
                        values[i] = values[i] * 1.8f + 32f;
                    }
                }
                for (int i = 0; i < n; i++) {
                    ctx.send(new Reading(sensors[i], values[i]));
                }
                n = 0;
            }
            if (m instanceof Flush) {
                ctx.send(m);
            }
        }
    }

    /** The data-parallel kernel of {@code --with-kernel}. */
    @Kernel
    static void toFahrenheit(KernelContext ctx, float[] values) {
        int i = ctx.globalId(0);
        if (i < values.length) {
            values[i] = values[i] * 1.8f + 32f;
        }
    }

    /** Count, sum, min and max per sensor; answers a Flush with the summary. */
    private static void aggregate(RingKernelContext<Object, Summary> ctx) {
        TreeMap<Integer, double[]> stats = new TreeMap<>();
        long readings = 0;
        Object m;
        while ((m = ctx.receive()) != null) {
            if (m instanceof Reading r) {
                double[] s = stats.computeIfAbsent(r.sensor(), k -> new double[] {0, 0, Double.MAX_VALUE, -Double.MAX_VALUE});
                s[0]++;
                s[1] += r.value();
                s[2] = Math.min(s[2], r.value());
                s[3] = Math.max(s[3], r.value());
                readings++;
            } else if (m instanceof Flush) {
                ctx.send(new Summary(stats, readings));
            }
        }
    }

    private void print(Summary summary, List<RingKernelMetrics> metrics, long elapsedNanos) {
        out.printf(Locale.ROOT, "Pipeline parse -> convert -> aggregate: %d readings in %.1f ms (%.0f readings/s)%s%n",
                summary.readings(), elapsedNanos / 1e6, summary.readings() / (elapsedNanos / 1e9),
                withKernel ? ", conversion on the backend" : "");
        out.printf(Locale.ROOT, "%-8s %10s %10s %10s %10s%n", "SENSOR", "READINGS", "MEAN °F", "MIN °F", "MAX °F");
        summary.bySensor().forEach((sensor, s) -> out.printf(Locale.ROOT, "%-8d %10.0f %10.2f %10.2f %10.2f%n",
                sensor, s[0], s[1] / s[0], s[2], s[3]));
        out.println();
        out.printf(Locale.ROOT, "%-10s %-11s %10s %10s %8s %8s %12s %12s %12s %12s%n", "KERNEL", "STATE", "IN", "OUT",
                "DROPPED", "IN-HWM", "OUT-HWM", "HANDLER ms", "LAT p50 µs", "LAT p99 µs");
        for (RingKernelMetrics m : metrics) {
            out.printf(Locale.ROOT, "%-10s %-11s %10d %10d %8d %8d %12d %12.1f %12.1f %12.1f%n", m.kernelId(),
                    m.state(), m.messagesIn(), m.messagesOut(), m.dropped(), m.inputQueue().highWaterMark(),
                    m.outputQueue().highWaterMark(), m.handlerTime().toNanos() / 1e6,
                    m.latency().p50().toNanos() / 1e3, m.latency().p99().toNanos() / 1e3);
        }
        out.println("(latency: from the send of a message to the receipt of the output the kernel sent while"
                + " handling it; convert's includes waiting for its batch of " + BATCH + " to fill)");
    }
}
