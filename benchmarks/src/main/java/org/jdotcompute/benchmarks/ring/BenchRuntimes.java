package org.jdotcompute.benchmarks.ring;

import org.jdotcompute.api.exceptions.BackendNotAvailableException;
import org.jdotcompute.api.ring.RingKernelRuntime;
import org.jdotcompute.spi.internal.ring.RingRuntime;

/** Opens the ring runtime the benchmarks measure. */
final class BenchRuntimes {
    private BenchRuntimes() {
    }

    /**
     * {@code RingKernelRuntime.create()}; where no backend is available (this benchmark jar carries
     * none yet), the engine's ring runtime without a compute runtime — the same code on every send
     * and receive, since host ring kernels do not touch the backend. Says so on stderr.
     */
    static RingKernelRuntime open() {
        try {
            return RingKernelRuntime.create();
        } catch (BackendNotAvailableException e) {
            System.err.println("# no backend available (" + e.getCause().getMessage() + ");"
                    + " measuring the host ring runtime without a compute runtime (same send/receive path)");
            return RingRuntime.withoutCompute("RingKernelRuntime[benchmark, no backend]");
        }
    }
}
