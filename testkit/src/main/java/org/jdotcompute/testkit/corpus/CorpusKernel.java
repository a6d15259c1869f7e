package org.jdotcompute.testkit.corpus;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGeneratorFactory;

import org.jdotcompute.api.CheckMode;
import org.jdotcompute.api.Range;

/**
 * One corpus kernel and how to test it. Immutable and thread-safe.
 *
 * @param name       a unique name, e.g. {@code arithmetic.intOps}
 * @param owner      the public class declaring the kernel
 * @param methodName the public static kernel method
 * @param range      the launch range
 * @param generator  makes the arguments from a seeded generator
 * @param outputs    the indices (into the arguments) of the arrays to compare after the launch
 * @param ulpBound   the largest difference allowed against the reference, in ULPs of the
 *                   output's element type (0: bit-identical, NaNs compared as equal); only
 *                   kernels using transcendental {@code Math} functions have a non-zero bound
 * @param failure    the failure the launch must produce, if any
 * @param checks     the check mode to compile with (failures need at least that mode)
 */
public record CorpusKernel(String name, Class<?> owner, String methodName, Range range, InputGenerator generator,
        List<Integer> outputs, int ulpBound, Optional<ExpectedFailure> failure, CheckMode checks) {
    /** The generator algorithm behind {@link #inputs(long)}. */
    public static final String RANDOM_ALGORITHM = "L64X128MixRandom";

    public CorpusKernel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(methodName, "methodName");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(generator, "generator");
        outputs = List.copyOf(outputs);
        if (ulpBound < 0) {
            throw new IllegalArgumentException("ulpBound must be >= 0, got " + ulpBound);
        }
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(checks, "checks");
    }

    /** A kernel without failures, compiled with {@link CheckMode#INDEX}, compared bit for bit. */
    public static CorpusKernel of(String name, Class<?> owner, String methodName, Range range, InputGenerator generator,
            Integer... outputs) {
        return new CorpusKernel(name, owner, methodName, range, generator, Arrays.asList(outputs), 0, Optional.empty(),
                CheckMode.INDEX);
    }

    /** This kernel with a ULP bound. */
    public CorpusKernel withUlpBound(int ulps) {
        return new CorpusKernel(name, owner, methodName, range, generator, outputs, ulps, failure, checks);
    }

    /** This kernel expecting {@code expected}. */
    public CorpusKernel withFailure(ExpectedFailure expected) {
        return new CorpusKernel(name, owner, methodName, range, generator, outputs, ulpBound, Optional.of(expected),
                checks);
    }

    /** This kernel compiled with {@code mode}. */
    public CorpusKernel withChecks(CheckMode mode) {
        return new CorpusKernel(name, owner, methodName, range, generator, outputs, ulpBound, failure, mode);
    }

    /** The kernel method. */
    public Method method() {
        for (Method m : owner.getMethods()) {
            if (m.getName().equals(methodName) && Modifier.isStatic(m.getModifiers())) {
                return m;
            }
        }
        throw new IllegalStateException("corpus kernel " + name + ": " + owner.getName() + " has no public static method "
                + methodName);
    }

    /**
     * Fresh arguments for one launch, from a {@value #RANDOM_ALGORITHM} generator seeded with
     * {@code seed}: the same seed always gives equal arguments.
     */
    public List<Object> inputs(long seed) {
        return List.copyOf(generator.generate(RandomGeneratorFactory.of(RANDOM_ALGORITHM).create(seed)));
    }

    @Override
    public String toString() {
        return name;
    }
}
