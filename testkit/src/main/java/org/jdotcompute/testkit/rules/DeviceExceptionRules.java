package org.jdotcompute.testkit.rules;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.jdotcompute.api.Capabilities.Feature;
import org.jdotcompute.api.CompiledKernel;
import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.api.Range;
import org.jdotcompute.api.exceptions.DeviceKernelException;
import org.jdotcompute.testkit.corpus.Corpus;
import org.jdotcompute.testkit.corpus.CorpusKernel;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DEX: a kernel that throws on the device gives the JVM's exception — the same class and message
 * as the cause of a {@link DeviceKernelException}, the kernel's source line, the failing work-item
 * and the failure count — under the check mode it needs, and the runtime goes on working.
 */
public abstract class DeviceExceptionRules extends RuleGroup {
    /** For {@link org.jdotcompute.testkit.BackendConformanceSuite}'s nested group. */
    protected DeviceExceptionRules() {
    }


    static Stream<CorpusKernel> failingKernels() {
        return Corpus.failing().stream();
    }

    /** The JVM's failure and the backend's failure of {@code k} on the same seeded inputs. */
    record Failures(DeviceKernelException jvm, DeviceKernelException backend) {
    }

    static Failures bothFail(Kit kit, CorpusKernel k) {
        kit.assume(Feature.DEVICE_EXCEPTIONS, "corpus kernel " + k.name() + " throws on the device");
        kit.assumeNeeds(k.method(), k.checks(), "corpus kernel " + k.name() + " needs it");
        ComputeRuntime rt = kit.runtime(k.checks());
        long seed = kit.seedFor(k.name());
        Optional<DeviceKernelException> jvm = kit.jvm(k, k.inputs(seed));
        assertTrue(jvm.isPresent(), () -> "corpus kernel " + k.name() + " does not fail on the JVM (a corpus bug)");
        Throwable reference = jvm.get().getCause();
        if (reference.getStackTrace().length == 0) {
            fail("the JVM threw a preallocated " + reference.getClass().getName()
                    + " without message or stack trace (HotSpot's fast throw, after many exceptions at one site), so"
                    + " there is nothing to compare with: run the suite's JVM with -XX:-OmitStackTraceInFastThrow");
        }
        CompiledKernel kernel = rt.compile(k.owner(), k.methodName());
        DeviceKernelException backend = kit.launchFailing(rt, kernel, k.range(), k.inputs(seed).toArray());
        return new Failures(jvm.get(), backend);
    }

    @ParameterizedTest(name = "DEX-001 corpus kernel {0} fails with the JVM's exception class and message")
    @DisplayName("DEX-001 every corpus failure gives the JVM's exception class and message as the cause")
    @MethodSource("failingKernels")
    public void classAndMessage(CorpusKernel k, Kit kit) {
        Failures f = bothFail(kit, k);
        Throwable expected = f.jvm().getCause();
        Throwable actual = f.backend().getCause();
        assertEquals(expected.getClass().getName(), actual == null ? "no cause" : actual.getClass().getName(),
                "the cause's class");
        assertEquals(expected.getMessage(), actual.getMessage(), "the cause's message");
    }

    @ParameterizedTest(name = "DEX-002 corpus kernel {0} reports the JVM's source line, failing work-item and count")
    @DisplayName("DEX-002 every corpus failure reports the JVM's source line, failing work-item and failure count")
    @MethodSource("failingKernels")
    public void lineItemAndCount(CorpusKernel k, Kit kit) {
        Failures f = bothFail(kit, k);
        DeviceKernelException jvm = f.jvm();
        DeviceKernelException backend = f.backend();
        assertEquals(jvm.sourceFile() + ":" + jvm.sourceLine(), backend.sourceFile() + ":" + backend.sourceLine(),
                "the source location");
        assertEquals(jvm.failureCount(), backend.failureCount(), "the failure count");
        if (jvm.failureCount() == 1) {
            assertArrayEquals(jvm.globalId(), backend.globalId(), "the failing work-item's global id");
        }
        assertEquals(jvm.kernelName(), backend.kernelName(), "kernelName()");
        Throwable cause = backend.getCause();
        assertTrue(Arrays.stream(cause.getStackTrace()).anyMatch(e -> backend.sourceFile().equals(e.getFileName())
                && e.getLineNumber() == backend.sourceLine()), () -> "the cause's stack trace has no frame at "
                        + backend.sourceFile() + ":" + backend.sourceLine() + ": " + Arrays.toString(cause.getStackTrace()));
    }

    @Test
    @DisplayName("DEX-003 a device failure's message, backend and reason have the documented shape")
    public void messageShape(Kit kit) {
        CorpusKernel k = Corpus.byName("failure.boundsRead");
        Failures f = bothFail(kit, k);
        DeviceKernelException e = f.backend();
        String display = kit.status().displayName();
        Throwable cause = e.getCause();
        int[] gid = e.globalId();
        String reason = cause.getClass().getSimpleName() + ": " + cause.getMessage() + " in kernel '" + e.kernelName()
                + "' at " + e.sourceFile() + ":" + e.sourceLine() + " (global id (" + gid[0] + ", " + gid[1] + ", "
                + gid[2] + "); " + e.failureCount() + " failing work-item(s))";
        assertEquals(display, e.backend(), "backend() is the backend's display name");
        assertEquals(reason, e.reason(), "reason()");
        assertEquals("[" + display + "] Execution failed: " + reason, e.getMessage(), "the message");
        assertEquals("ArrayIndexOutOfBoundsException: Index 64 out of bounds for length 64 in kernel"
                + " 'FailureKernels.boundsRead' at FailureKernels.java:19 (global id (63, 0, 0); 1 failing work-item(s))",
                e.reason(), "the reason of corpus kernel failure.boundsRead");
    }

    @Test
    @DisplayName("DEX-004 after a device failure the runtime works, and the next launch reports only its own failures")
    public void noStaleFailures(Kit kit) {
        CorpusKernel k = Corpus.byName("failure.throwConstant");
        kit.assume(Feature.DEVICE_EXCEPTIONS, "DEX-004 makes a kernel throw on the device");
        ComputeRuntime rt = kit.runtime(k.checks());
        CompiledKernel kernel = rt.compile(k.owner(), k.methodName());
        List<Object> failing = k.inputs(kit.seedFor("DEX-004"));
        DeviceKernelException e = kit.launchFailing(rt, kernel, k.range(), failing.toArray());
        assertEquals("negative input", e.getCause().getMessage(), "the first launch's failure");
        int[] fine = new int[Corpus.N];
        Arrays.fill(fine, 5);
        int[] out = new int[Corpus.N];
        kit.launch(rt, kernel, k.range(), fine, out);
        CompiledKernel scale = kit.compile(rt, "scale");
        int[] data = {1, 2, 3};
        kit.launch(rt, scale, Range.of(3), data, 4);
        assertArrayEquals(new int[] {4, 8, 12}, data, "another kernel after the failure");
        DeviceKernelException again = kit.launchFailing(rt, kernel, k.range(), k.inputs(kit.seedFor("DEX-004")).toArray());
        assertEquals(e.getMessage(), again.getMessage(), "the same failure launched again");
    }
}
