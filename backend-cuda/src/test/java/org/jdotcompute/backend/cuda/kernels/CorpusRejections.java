package org.jdotcompute.backend.cuda.kernels;

import java.util.Map;
import java.util.Optional;

/**
 * The corpus kernels the CUDA backend rejects, each with its exact {@code KernelCompilationException}
 * reason, so that a new rejection cannot slip in silently. Today only {@code Math}'s transcendental
 * functions: PTX has no accurate ones, and the emitter names the first one it meets. Immutable.
 */
public final class CorpusRejections {
    private static final String TRANSCENDENTAL = " is not supported by the CUDA backend yet: PTX has only approximate"
            + " transcendental instructions, and an accurate implementation within 2 ulp of StrictMath is not written;"
            + " compute it on the host, or use the CPU or OpenCL backend (used in ";

    /** Corpus kernel name to the exact rejection reason. */
    public static final Map<String, String> REJECTED = Map.of(
            "math.transcendental", "Math.sin(double)" + TRANSCENDENTAL
                    + "org.jdotcompute.testkit.corpus.MathKernels.transcendental(Lorg/jdotcompute/api/KernelContext;[D[D[D)V)",
            "math.transcendentalFloat", "Math.sin(double)" + TRANSCENDENTAL
                    + "org.jdotcompute.testkit.corpus.MathKernels.transcendentalFloat(Lorg/jdotcompute/api/KernelContext;[F[F)V)");

    private CorpusRejections() {
    }

    /** The listed reason {@code kernel} is rejected for, if it is. */
    public static Optional<String> reasonFor(String kernel) {
        return Optional.ofNullable(REJECTED.get(kernel));
    }
}
