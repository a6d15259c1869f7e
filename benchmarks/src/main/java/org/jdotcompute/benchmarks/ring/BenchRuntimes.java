package org.jdotcompute.benchmarks.ring;

import org.jdotcompute.api.ring.RingKernelRuntime;

/** Opens the ring runtime the benchmarks measure. */
final class BenchRuntimes {
    private BenchRuntimes() {
    }

    /**
     * {@code RingKernelRuntime.create()}, exactly what an application calls. Host ring kernels run
     * on host threads whatever backend the runtime selects; the benchmark jar carries the CPU
     * backend, so one is always available.
     */
    static RingKernelRuntime open() {
        return RingKernelRuntime.create();
    }
}
