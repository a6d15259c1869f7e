package org.jdotcompute.benchmarks.ring;

import org.jdotcompute.api.ring.RingKernelRuntime;

/** Opens the ring runtime the benchmarks measure. */
final class BenchRuntimes {
    private BenchRuntimes() {
    }

    /**
     * {@code RingKernelRuntime.create()}, exactly what an application calls. The benchmarks' forks
     * name the CPU backend ({@code -Djdotcompute.backend=cpu}, as PERFORMANCE.md's P1 and P2 ask),
     * so a machine with an OpenCL or CUDA device measures the same runtime; host ring kernels run
     * on host threads whatever the backend.
     */
    static RingKernelRuntime open() {
        return RingKernelRuntime.create();
    }
}
