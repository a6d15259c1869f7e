package org.jdotcompute.spi.internal.ring;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

/** Ring runtimes without a backend, and thread checks, for the tests of this package. */
final class TestRuntimes {
    private TestRuntimes() {
    }

    /** A ring runtime whose kernels have no compute runtime (its context's runtime() throws). */
    static RingRuntime standalone() {
        return new RingRuntime("RingKernelRuntime[test]", () -> {
            throw new IllegalStateException("this test's ring runtime has no compute runtime");
        }, () -> { });
    }

    /** The names of live threads that run ring kernels. */
    static Set<String> kernelThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith(RingRuntime.THREAD_PREFIX)).collect(Collectors.toSet());
    }

    static void awaitState(RingRuntime rt, String id, org.jdotcompute.api.exceptions.KernelState state) {
        await().atMost(Duration.ofSeconds(10)).until(() -> rt.state(id) == state);
    }

    static void awaitParked(Thread t) {
        await().atMost(Duration.ofSeconds(10)).until(() -> t.getState() == Thread.State.WAITING
                || t.getState() == Thread.State.TIMED_WAITING);
    }
}
