package org.jdotcompute.testkit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.jdotcompute.api.CompiledKernel;
import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.api.exceptions.DeviceKernelException;
import org.jdotcompute.testkit.corpus.Comparison;
import org.jdotcompute.testkit.corpus.Corpus;
import org.jdotcompute.testkit.corpus.CorpusKernel;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * NUM: every corpus kernel that does not fail gives the JVM's results on seeded inputs — int,
 * long, float and double semantics bit for bit, transcendental functions within the corpus'
 * ULP bounds.
 */
public abstract class NumericsRules extends RuleGroup {
    /** For {@link org.jdotcompute.testkit.BackendConformanceSuite}'s nested group. */
    protected NumericsRules() {
    }


    static Stream<CorpusKernel> exactKernels() {
        return Corpus.all().stream().filter(k -> k.failure().isEmpty() && k.ulpBound() == 0);
    }

    static Stream<CorpusKernel> boundedKernels() {
        return Corpus.all().stream().filter(k -> k.failure().isEmpty() && k.ulpBound() > 0);
    }

    /** Runs {@code k} on the JVM and on the backend from the same seeded inputs and compares the outputs. */
    static void matchesJvm(Kit kit, CorpusKernel k) {
        kit.assumeNeeds(k.method(), k.checks(), "corpus kernel " + k.name() + " needs it");
        ComputeRuntime rt = kit.runtime(k.checks());
        long seed = kit.seedFor(k.name());
        List<Object> expected = k.inputs(seed);
        Optional<DeviceKernelException> jvmFailure = kit.jvm(k, expected);
        assertEquals(Optional.empty(), jvmFailure.map(Throwable::toString), "corpus kernel " + k.name()
                + " failed on the JVM itself (a corpus bug)");
        List<Object> actual = k.inputs(seed);
        CompiledKernel kernel = rt.compile(k.owner(), k.methodName());
        kit.launch(rt, kernel, k.range(), actual.toArray());
        assertEquals(Optional.empty(), Comparison.mismatch(k, expected, actual), () -> "corpus kernel " + k.name()
                + " on backend '" + kit.backendId() + "' differs from the JVM"
                + (k.ulpBound() > 0 ? " by more than " + k.ulpBound() + " ULPs" : ""));
    }

    @ParameterizedTest(name = "NUM-001 corpus kernel {0} gives the JVM's results bit for bit")
    @DisplayName("NUM-001 every exact corpus kernel gives the JVM's results bit for bit")
    @MethodSource("exactKernels")
    public void exact(CorpusKernel k, Kit kit) {
        matchesJvm(kit, k);
    }

    @ParameterizedTest(name = "NUM-002 corpus kernel {0} is within its ULP bound of the JVM's results")
    @DisplayName("NUM-002 every transcendental corpus kernel is within its ULP bound of the JVM's results")
    @MethodSource("boundedKernels")
    public void bounded(CorpusKernel k, Kit kit) {
        matchesJvm(kit, k);
    }
}
