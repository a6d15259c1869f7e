package org.jdotcompute.testkit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

import org.jdotcompute.api.BackendStatus;
import org.jdotcompute.api.Capabilities;
import org.jdotcompute.api.Capabilities.Feature;
import org.jdotcompute.api.CheckMode;
import org.jdotcompute.api.CompiledKernel;
import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.api.Range;
import org.jdotcompute.api.exceptions.DeviceKernelException;
import org.jdotcompute.spi.BackendConfig;
import org.jdotcompute.spi.compiler.KernelTranslator;
import org.jdotcompute.spi.ir.IrFeature;
import org.jdotcompute.spi.ir.KernelIR;
import org.jdotcompute.testkit.RuntimeFactory;
import org.jdotcompute.testkit.corpus.CorpusKernel;
import org.jdotcompute.testkit.corpus.JvmReference;
import org.jdotcompute.testkit.internal.ConformanceKernels;
import org.junit.jupiter.api.Assumptions;

/**
 * What a rule sees of the backend under test: the runtime factory, shared runtimes (one per check
 * mode, closed at the end of the suite), seeded random generators, and the helpers every kernel
 * rule goes through — {@link #launch} checks through {@code runtime.backend().launchCount()} that
 * the backend itself ran the launch (no silent fallback), {@link #assume} skips a rule whose
 * capability the backend lacks, naming it. Rules receive it as a test method parameter.
 *
 * <p>Thread-safe.
 */
public final class Kit implements AutoCloseable {
    private static final String RANDOM_ALGORITHM = "L64X128MixRandom";

    private final RuntimeFactory factory;
    private final long seed;
    private final Map<CheckMode, ComputeRuntime> shared = new EnumMap<>(CheckMode.class);
    private boolean closed;

    private Kit(RuntimeFactory factory, long seed) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.seed = seed;
    }

    /** A kit for the backend of {@code factory}, generating inputs from {@code seed}. */
    public static Kit create(RuntimeFactory factory, long seed) {
        return new Kit(factory, seed);
    }

    /** The id of the backend under test. */
    public String backendId() {
        return factory.backendId();
    }

    /** How runtimes on the backend are made. */
    public RuntimeFactory factory() {
        return factory;
    }

    /** The backend's status as discovery reports it. */
    public BackendStatus status() {
        return factory.status();
    }

    /** The suite's seed (printed with every failure). */
    public long seed() {
        return seed;
    }

    /** A seed derived from the suite's seed and {@code salt}, e.g. a rule id or a kernel name. */
    public long seedFor(String salt) {
        long z = seed ^ (0x9E3779B97F4A7C15L * (salt.hashCode() + 1L));
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A generator seeded from the suite's seed and {@code salt}: the same seed, the same values. */
    public RandomGenerator random(String salt) {
        return RandomGeneratorFactory.of(RANDOM_ALGORITHM).create(seedFor(salt));
    }

    /** The shared runtime with the default check mode ({@code INDEX}). Do not close it. */
    public ComputeRuntime runtime() {
        return runtime(CheckMode.INDEX);
    }

    /** The shared runtime compiled with {@code checks}, opened on first use. Do not close it. */
    public synchronized ComputeRuntime runtime(CheckMode checks) {
        if (closed) {
            throw new IllegalStateException("the conformance kit of backend '" + backendId() + "' is closed");
        }
        ComputeRuntime rt = shared.get(checks);
        if (rt == null || rt.isClosed()) {
            rt = factory.open(new BackendConfig(checks, 0));
            shared.put(checks, rt);
        }
        return rt;
    }

    /** A fresh runtime the caller closes. */
    public ComputeRuntime open(BackendConfig config) {
        return factory.open(config);
    }

    /** The capabilities the backend publishes. */
    public Capabilities capabilities() {
        return runtime().backend().capabilities();
    }

    /**
     * Skips the calling rule, reported as skipped with the capability named
     * ({@code capability FP64 absent: ...}), if the backend lacks {@code feature}.
     */
    public void assume(Feature feature, String what) {
        if (!capabilities().has(feature)) {
            Assumptions.abort("capability " + feature + " absent: " + what);
        }
    }

    /** Skips the calling rule, reported as skipped with {@code reason}, unless {@code condition} holds. */
    public static void skipUnless(boolean condition, String reason) {
        if (!condition) {
            Assumptions.abort(reason);
        }
    }

    /** Skips the calling rule unless the backend has every capability {@code kernel} needs under {@code checks}. */
    public void assumeNeeds(Method kernel, CheckMode checks, String what) {
        for (Feature f : needs(kernel, checks)) {
            assume(f, what);
        }
    }

    /**
     * The capabilities a kernel needs, from its IR (FP64, atomics, local memory, barriers). Failure
     * sites are not counted: the rules that need {@link Feature#DEVICE_EXCEPTIONS} ask for it.
     * Empty if the front end rejects the kernel (the backend then says why).
     */
    public Set<Feature> needs(Method kernel, CheckMode checks) {
        KernelIR ir;
        try {
            ir = KernelTranslator.translate(kernel, checks);
        } catch (RuntimeException rejected) {
            return Set.of();
        }
        Set<Feature> needs = EnumSet.noneOf(Feature.class);
        for (IrFeature f : ir.features()) {
            switch (f) {
                case FP64 -> needs.add(Feature.FP64);
                case BARRIER -> needs.add(Feature.BARRIERS);
                case LOCAL_MEMORY -> needs.add(Feature.LOCAL_MEMORY);
                case ATOMIC_INT32 -> needs.add(Feature.INT32_ATOMICS);
                case ATOMIC_INT64 -> needs.add(Feature.INT64_ATOMICS);
                case ATOMIC_FLOAT -> needs.add(Feature.FLOAT_ATOMICS);
                case INT64, DEVICE_FAILURES -> {
                    // no capability: every backend has longs; failures are asked for by their rules
                }
            }
        }
        return needs;
    }

    /** The conformance kernel {@code name}'s method. */
    public Method kernelMethod(String name) {
        return Arrays.stream(ConformanceKernels.class.getMethods()).filter(m -> m.getName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no conformance kernel is named '" + name + "'"));
    }

    /** Compiles the conformance kernel {@code name} on {@code rt}. */
    public CompiledKernel compile(ComputeRuntime rt, String name) {
        return rt.compile(ConformanceKernels.LOOKUP, name);
    }

    /** The launches {@code rt}'s backend has counted. */
    public static long launches(ComputeRuntime rt) {
        return rt.backend().launchCount();
    }

    /**
     * Launches {@code kernel} and checks that the backend under test counted exactly this launch —
     * the work ran there, not on another backend.
     */
    public void launch(ComputeRuntime rt, CompiledKernel kernel, Range range, Object... args) {
        long before = launches(rt);
        rt.launch(kernel, range, args);
        assertLaunched(rt, before, 1, "kernel '" + kernel.name() + "' over " + range);
    }

    /**
     * Launches a kernel that must fail: returns its {@link DeviceKernelException} and checks the
     * launch was counted by the backend.
     */
    public DeviceKernelException launchFailing(ComputeRuntime rt, CompiledKernel kernel, Range range, Object... args) {
        long before = launches(rt);
        DeviceKernelException failure = null;
        try {
            rt.launch(kernel, range, args);
        } catch (DeviceKernelException e) {
            failure = e;
        }
        assertLaunched(rt, before, 1, "kernel '" + kernel.name() + "' over " + range);
        if (failure == null) {
            fail("kernel '" + kernel.name() + "' completed normally on backend '" + backendId()
                    + "', but a work-item throws on the JVM: the backend lost (swallowed) the device failure");
        }
        return failure;
    }

    /** Checks that {@code rt}'s backend counted {@code n} launches since {@code before}. */
    public void assertLaunched(ComputeRuntime rt, long before, long n, String what) {
        long after = launches(rt);
        assertEquals(before + n, after, () -> "backend '" + backendId() + "' counted " + (after - before)
                + " launch(es) for " + n + " launch(es) of " + what + " (launchCount() went from " + before + " to "
                + after + "): every launch must run on the backend under test and be counted there, never fall back"
                + " silently to another backend");
    }

    /** Runs corpus kernel {@code k} on the JVM with {@code arguments} (arrays are written in place). */
    public Optional<DeviceKernelException> jvm(CorpusKernel k, List<Object> arguments) {
        return JvmReference.run(k, arguments);
    }

    /** Runs the public kernel {@code kernel} (of a public class in an exported package) on the JVM. */
    public Optional<DeviceKernelException> jvm(Method kernel, Range range, List<Object> arguments) {
        return JvmReference.run(kernel, range, arguments);
    }

    /** Runs conformance kernel {@code name} on the JVM over {@code range} (arrays are written in place). */
    public Optional<DeviceKernelException> jvm(String name, Range range, Object... arguments) {
        return JvmReference.run(ConformanceKernels.LOOKUP, kernelMethod(name), range, Arrays.asList(arguments));
    }

    /** Closes the shared runtimes (the first failure is thrown, later ones suppressed in it). Idempotent. */
    @Override
    public void close() {
        List<ComputeRuntime> runtimes;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            runtimes = new ArrayList<>(shared.values());
            shared.clear();
        }
        RuntimeException first = null;
        for (ComputeRuntime rt : runtimes) {
            try {
                rt.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public String toString() {
        return "conformance kit for " + factory + " (seed " + seed + ")";
    }
}
