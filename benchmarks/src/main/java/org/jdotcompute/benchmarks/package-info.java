/**
 * JMH benchmarks for the targets of {@code PERFORMANCE.md} and {@link org.jdotcompute.benchmarks.BenchRunner},
 * which runs them with short settings and prints each figure beside its baseline as a ratio.
 * Each area has its own package ({@code cpu}, {@code ring}, …) with its JMH classes and one
 * {@link org.jdotcompute.benchmarks.BenchSuite} that lists its comparisons; register a new
 * suite in {@link org.jdotcompute.benchmarks.BenchRunner#SUITES}.
 */
package org.jdotcompute.benchmarks;
