package org.jdotcompute.backend.cuda;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.jdotcompute.api.DeviceInfo;
import org.jdotcompute.spi.Availability;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs {@link CudaGpuTest} outside Maven, on a GPU host that has only the portable bundle
 * ({@code tools/gpu-bundle.sh --with-tests}; its {@code bin/jdotcompute-gpu-tests} calls this).
 * Prints the device, one line per test and a summary. Arguments, if any, name other test classes
 * to run instead (e.g. {@code org.jdotcompute.backend.cuda.ptx.PtxSimulatorCorpusTest}, to check
 * the bundle's test set-up on a host without a GPU).
 *
 * <p>Exit status: 0 when tests ran and none failed; 1 when one failed; 2 when none ran (no usable
 * CUDA device: the probe's reason is printed), so that a skipped run is never mistaken for a pass.
 */
public final class GpuTestMain {
    private GpuTestMain() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        out.println("JDotCompute CUDA GPU tests (" + Runtime.version() + ", " + System.getProperty("os.name") + "/"
                + System.getProperty("os.arch") + ")");
        Availability availability = new CudaBackendProvider().probe();
        switch (availability) {
            case Availability.Available a -> {
                for (DeviceInfo d : a.devices()) {
                    out.println("device: " + d.name() + ", " + d.globalMemoryBytes() + " bytes, " + d.computeUnits()
                            + " SMs, driver " + d.driverVersion() + ", " + d.details());
                }
            }
            case Availability.Unavailable u -> out.println("CUDA is unavailable: " + u.reason());
        }
        List<DiscoverySelector> selectors = new ArrayList<>();
        for (String name : args) {
            selectors.add(selectClass(name));
        }
        if (selectors.isEmpty()) {
            selectors.add(selectClass(CudaGpuTest.class));
        }
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectors).build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        AtomicLong skipped = new AtomicLong();
        TestExecutionListener printer = new TestExecutionListener() {
            @Override
            public void executionSkipped(TestIdentifier id, String reason) {
                skipped.incrementAndGet();
                out.println("SKIPPED  " + id.getDisplayName() + ": " + reason);
            }

            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                Optional<Throwable> t = result.getThrowable();
                if (id.isTest() || result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                    out.println(switch (result.getStatus()) {
                        case SUCCESSFUL -> "PASSED   ";
                        case ABORTED -> "ABORTED  ";
                        case FAILED -> "FAILED   ";
                    } + id.getDisplayName() + t.map(x -> ": " + x).orElse(""));
                }
            }
        };
        launcher.execute(request, summary, printer);
        TestExecutionSummary s = summary.getSummary();
        s.printTo(out);
        s.printFailuresTo(out, 20);
        long failed = s.getTotalFailureCount();
        long passed = s.getTestsSucceededCount();
        if (failed > 0) {
            out.println("RESULT: " + failed + " test(s) FAILED, " + passed + " passed");
            System.exit(1);
        }
        if (passed == 0 || s.getTestsFoundCount() == 0) {
            out.println("RESULT: no test passed (" + s.getTestsAbortedCount() + " test(s) and " + s.getContainersAbortedCount()
                    + " group(s) aborted, " + skipped.get() + " skipped): nothing was verified");
            System.exit(2);
        }
        out.println("RESULT: " + passed + " test(s) passed, " + s.getTestsAbortedCount() + " aborted, "
                + s.getTestsSkippedCount() + " skipped, none failed");
    }
}
