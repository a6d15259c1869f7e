package org.jdotcompute.testkit.corpus;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Makes a kernel's arguments (after the {@code KernelContext}): boxed primitives of the
 * parameters' exact types and fresh primitive arrays. Must be deterministic in the generator's
 * sequence and must not share arrays between calls; implementations are stateless, hence
 * thread-safe.
 */
@FunctionalInterface
public interface InputGenerator {
    /** The arguments, drawn from {@code random}. */
    List<Object> generate(RandomGenerator random);
}
