/**
 * The kernel corpus: public static kernels covering the front end's whole subset — arithmetic edge
 * values, every conversion, loops, switches, device functions, barriers and group-local tiles
 * (read before written: they start zeroed), atomics, 2-D and 3-D ranges, math intrinsics,
 * {@code static final} lookup tables and arrays made with {@code new}, and every failure kind — each described by a
 * {@link org.jdotcompute.testkit.corpus.CorpusKernel} (range, seeded input generator, outputs to
 * compare, ULP bound, expected failure, check mode). {@link org.jdotcompute.testkit.corpus.Corpus#all()}
 * lists them. Audience: backend authors and the front end's own differential tests.
 *
 * <p>How to use it: for each kernel and a few seeds, build the inputs twice with
 * {@link org.jdotcompute.testkit.corpus.CorpusKernel#inputs(long)}, run the kernel on the
 * reference (the CPU backend, or the Java method itself with
 * {@link org.jdotcompute.testkit.corpus.JvmReference#run(CorpusKernel, java.util.List)}) and on the
 * backend under test, then
 * check {@link org.jdotcompute.testkit.corpus.Comparison#mismatch} on the outputs and
 * {@link org.jdotcompute.testkit.corpus.ExpectedFailure#mismatch} on the failure.
 */
package org.jdotcompute.testkit.corpus;
