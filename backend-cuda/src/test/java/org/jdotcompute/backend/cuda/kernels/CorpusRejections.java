package org.jdotcompute.backend.cuda.kernels;

import java.util.Map;
import java.util.Optional;

/**
 * The corpus kernels the CUDA backend rejects, each with its exact {@code KernelCompilationException}
 * reason, so that a new rejection cannot slip in silently. Today none: {@code Math}'s
 * transcendental functions, once rejected because PTX has only approximate instructions for them,
 * are computed by {@code StrictMath}'s code translated from its bytecode. Immutable.
 */
public final class CorpusRejections {
    /** Corpus kernel name to the exact rejection reason. */
    public static final Map<String, String> REJECTED = Map.of();

    private CorpusRejections() {
    }

    /** The listed reason {@code kernel} is rejected for, if it is. */
    public static Optional<String> reasonFor(String kernel) {
        return Optional.ofNullable(REJECTED.get(kernel));
    }
}
