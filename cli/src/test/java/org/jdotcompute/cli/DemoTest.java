package org.jdotcompute.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.jdotcompute.api.BackendStatus;
import org.jdotcompute.api.ComputeRuntime;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@DisplayName("jdotcompute demo")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DemoTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private PrintStream stream(ByteArrayOutputStream b) {
        return new PrintStream(b, true, StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("runs the pipeline on a backend, or says clearly that no backend can be opened")
    void command() {
        int code = Main.run(new String[] {"demo", "--messages", "2000"}, stream(out), stream(err));
        boolean backend = ComputeRuntime.discover().stream().anyMatch(BackendStatus::available);
        if (backend) {
            assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("2000 readings"));
        } else {
            assertEquals(1, code);
            String e = err.toString(StandardCharsets.UTF_8);
            assertTrue(e.startsWith("jdotcompute demo: no backend can be opened, so there is no runtime to host the"
                    + " ring kernels: [auto] Backend not available"), e);
            assertTrue(e.contains("Put a backend such as jdotcompute-backend-cpu on the module path"), e);
        }
    }

    @Test
    @DisplayName("pushes every reading through parse, convert and aggregate and prints each kernel's telemetry")
    void pipeline() {
        try (ComputeRuntime runtime = ComputeRuntime.builder().backend("cpu").build()) {
            int code = Demo.run(runtime.ringKernels(), 5000, false, stream(out), stream(err));
            assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("Pipeline parse -> convert -> aggregate: 5000 readings in "), text);
        for (int sensor = 0; sensor < 8; sensor++) {
            assertTrue(text.matches("(?s).*\\n" + sensor + " +625 .*"), "sensor " + sensor + ":\n" + text);
        }
        // parse and convert each took 5000 readings and the Flush; aggregate answered the Flush once.
        assertTrue(text.matches("(?s).*\\nparse +TERMINATED +5001 +5001 +0 .*"), text);
        assertTrue(text.matches("(?s).*\\nconvert +TERMINATED +5001 +5001 +0 .*"), text);
        assertTrue(text.matches("(?s).*\\naggregate +TERMINATED +5001 +1 +0 .*"), text);
    }

    @Test
    @DisplayName("converts each batch with a data-parallel kernel on the backend when asked to")
    void withKernel() {
        try (ComputeRuntime runtime = ComputeRuntime.builder().backend("cpu").build()) {
            long before = runtime.backend().launchCount();
            int code = Demo.run(runtime.ringKernels(), 5000, true, stream(out), stream(err));
            assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
            assertTrue(runtime.backend().launchCount() > before, "the convert kernel launched on the CPU backend");
        }
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("Pipeline parse -> convert -> aggregate: 5000 readings"),
                out.toString(StandardCharsets.UTF_8));
    }
}
