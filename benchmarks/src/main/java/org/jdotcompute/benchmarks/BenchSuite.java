package org.jdotcompute.benchmarks;

import java.util.List;

/**
 * The comparisons of one area (a package of JMH benchmarks), for {@link BenchRunner}.
 * Implementations are stateless and thread-safe.
 */
public interface BenchSuite {
    /** A short name, e.g. {@code "cpu"}. */
    String name();

    /** The comparisons, in table order. */
    List<Comparison> comparisons();
}
