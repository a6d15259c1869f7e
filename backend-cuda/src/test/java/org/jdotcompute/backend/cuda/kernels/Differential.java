package org.jdotcompute.backend.cuda.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.jdotcompute.api.Range;
import org.jdotcompute.api.exceptions.DeviceKernelException;
import org.jdotcompute.spi.ir.IrInterpreter;
import org.jdotcompute.spi.ir.KernelIR;
import org.jdotcompute.testkit.corpus.Comparison;

/**
 * Compares a run of a kernel (simulated PTX, or the CUDA backend on a GPU) with the reference IR
 * interpreter on equal arguments. Stateless, thread-safe.
 */
public final class Differential {
    /** One launch of the kernel under test; returns its failure, if any, as the backend reports it. */
    @FunctionalInterface
    public interface Run {
        Optional<DeviceKernelException> launch(List<Object> arguments);
    }

    private Differential() {
    }

    /**
     * Runs {@code ir} over {@code range} in the IR interpreter on {@code expected} and with
     * {@code run} on {@code actual} (equal argument lists), then asserts the same failure (class,
     * message, kernel, line, count, and the global id where one work-item fails) and, if
     * {@code compareArrays}, bit-identical arrays (every array argument, NaNs compared as equal).
     */
    public static void assertMatchesInterpreter(String label, KernelIR ir, Range range, List<Object> expected,
            List<Object> actual, ClassLoader loader, Run run, boolean compareArrays) {
        Optional<DeviceKernelException> reference = new IrInterpreter(ir).execute(range, expected).failure(loader);
        Optional<DeviceKernelException> tested = run.launch(actual);
        assertEquals(reference.isPresent(), tested.isPresent(), () -> label + ": the IR interpreter "
                + reference.map(e -> "fails with " + e.getMessage()).orElse("does not fail") + ", the kernel under test "
                + tested.map(e -> "fails with " + e.getMessage()).orElse("does not fail"));
        if (reference.isPresent()) {
            DeviceKernelException r = reference.get();
            DeviceKernelException t = tested.get();
            assertEquals(r.getCause().getClass(), t.getCause().getClass(), label + ": cause class");
            assertEquals(r.getCause().getMessage(), t.getCause().getMessage(), label + ": cause message");
            assertEquals(r.kernelName(), t.kernelName(), label + ": kernel name");
            assertEquals(r.sourceFile() + ":" + r.sourceLine(), t.sourceFile() + ":" + t.sourceLine(), label + ": location");
            assertEquals(r.failureCount(), t.failureCount(), label + ": failure count");
            if (r.failureCount() == 1) {
                assertEquals(Arrays.toString(r.globalId()), Arrays.toString(t.globalId()), label + ": global id");
            }
        }
        if (!compareArrays) {
            return;
        }
        for (int i = 0; i < expected.size(); i++) {
            if (expected.get(i).getClass().isArray()) {
                int index = i;
                assertEquals(Optional.empty(), Comparison.mismatch(expected.get(i), actual.get(i), 0),
                        () -> label + ": argument " + index + " differs after the launch");
            } else {
                assertEquals(expected.get(i), actual.get(i));
            }
        }
    }
}
