package org.jdotcompute.benchmarks;

import java.util.List;
import java.util.Optional;

import org.jdotcompute.api.BackendStatus;
import org.jdotcompute.api.ComputeRuntime;

/**
 * The comparisons of one area (a package of JMH benchmarks), for {@link BenchRunner}.
 * Implementations are stateless and thread-safe.
 */
public interface BenchSuite {
    /** A short name, e.g. {@code "cpu"}. */
    String name();

    /** The comparisons, in table order. */
    List<Comparison> comparisons();

    /**
     * Why this suite cannot run on this machine, e.g. {@code no CUDA device (…the probe's reason…)};
     * empty when it can. The runner does not run an unavailable suite's benchmarks and prints its
     * rows as not measured, with this reason. By default a suite can always run.
     */
    default Optional<String> unavailable() {
        return Optional.empty();
    }

    /**
     * Why backend {@code id} cannot be used here, as {@link ComputeRuntime#discover()} reports it
     * (the provider's probe), for {@link #unavailable()}: {@code "<missing> (<probe's reason>)"},
     * or that no provider of {@code id} is on the class path; empty when it is available.
     *
     * @param id      the backend id, e.g. {@code "cuda"}
     * @param missing what its absence means in words, e.g. {@code "no CUDA device"}
     */
    static Optional<String> backendUnavailable(String id, String missing) {
        return backendUnavailable(id, missing, ComputeRuntime.discover());
    }

    /** {@link #backendUnavailable(String, String)} on a given discovery. */
    static Optional<String> backendUnavailable(String id, String missing, List<BackendStatus> discovered) {
        for (BackendStatus s : discovered) {
            if (s.id().equals(id)) {
                return s.available() ? Optional.empty() : Optional.of(missing + " (" + s.reason() + ")");
            }
        }
        return Optional.of(missing + " (no '" + id + "' backend provider on the class path; discovered: "
                + discovered.stream().map(BackendStatus::id).toList() + ")");
    }
}
