package org.jdotcompute.example.interp.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.jdotcompute.api.CheckMode;
import org.jdotcompute.api.CompiledKernel;
import org.jdotcompute.api.ComputeRuntime;
import org.jdotcompute.api.PluginInfo;
import org.jdotcompute.api.PluginManager;
import org.jdotcompute.api.PluginState;
import org.jdotcompute.api.exceptions.DeviceKernelException;
import org.jdotcompute.testkit.corpus.Comparison;
import org.jdotcompute.testkit.corpus.Corpus;
import org.jdotcompute.testkit.corpus.CorpusKernel;
import org.jdotcompute.testkit.corpus.JvmReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The oracle: every corpus kernel compiled by the bytecode front end and executed by the interp
 * backend, loaded as a plugin from its plugin directory, against the same kernel run as plain
 * Java by the kit's {@link JvmReference} — outputs compared with the corpus' {@link Comparison}, failures with its
 * {@link org.jdotcompute.testkit.corpus.ExpectedFailure}s and with plain Java's.
 */
@DisplayName("The kernel corpus through the interp plugin gives plain Java's outputs and failures")
class CorpusThroughPluginTest {
    static final long[] SEEDS = {1L, 20_250_607L};

    private static PluginManager plugins;
    private static final Map<CheckMode, ComputeRuntime> RUNTIMES = new EnumMap<>(CheckMode.class);
    private static final Map<String, CompiledKernel> KERNELS = new HashMap<>();

    @BeforeAll
    static void load() {
        plugins = PluginManager.open(InterpPlugin.directory());
    }

    @AfterAll
    static void unload() {
        RUNTIMES.values().forEach(ComputeRuntime::close);
        plugins.close();
    }

    /** One runtime per check mode, all on the one loaded plugin. */
    static ComputeRuntime runtime(CheckMode checks) {
        return RUNTIMES.computeIfAbsent(checks, c -> ComputeRuntime.builder().plugins(plugins)
                .backend(InterpPlugin.BACKEND_ID).checks(c).build());
    }

    static CompiledKernel compiled(CorpusKernel k, CheckMode checks) {
        return KERNELS.computeIfAbsent(k.name() + "@" + checks, n -> runtime(checks).compile(k.owner(), k.methodName()));
    }

    static Stream<Arguments> kernelsAndSeeds() {
        List<Arguments> all = new ArrayList<>();
        for (CorpusKernel k : Corpus.all()) {
            for (long seed : SEEDS) {
                all.add(Arguments.of(k, seed));
            }
        }
        return all.stream();
    }

    static Stream<CorpusKernel> passingKernels() {
        return Corpus.all().stream().filter(k -> k.failure().isEmpty());
    }

    /** Launches {@code k} on the plugin and checks that the launch ran there. */
    private static Optional<DeviceKernelException> launch(CorpusKernel k, CheckMode checks, List<Object> args) {
        ComputeRuntime rt = runtime(checks);
        CompiledKernel kernel = compiled(k, checks);
        long before = rt.backend().launchCount();
        Optional<DeviceKernelException> failure = Optional.empty();
        try {
            rt.launch(kernel, k.range(), args.toArray());
        } catch (DeviceKernelException e) {
            failure = Optional.of(e);
        }
        assertEquals(before + 1, rt.backend().launchCount(), k + " did not run on the interp backend");
        return failure;
    }

    @Test
    @DisplayName("the backend under test is the plugin's: loaded from the plugin directory, not from the module path")
    void guard() {
        assertTrue(getClass().getModule().isNamed(), "tests must run on the module path");
        assertTrue(ModuleLayer.boot().findModule("org.jdotcompute.example.interp").isEmpty(),
                "the interp module must reach the JVM only through the plugin directory");
        PluginInfo info = plugins.plugin(InterpPlugin.PLUGIN_ID);
        assertEquals(PluginState.LOADED, info.state(), info.reason());
        assertEquals(InterpPlugin.directory().resolve("interp"), info.location());
        ComputeRuntime rt = runtime(CheckMode.INDEX);
        assertEquals("interp", rt.backend().id());
        assertEquals("IR interpreter", rt.backend().displayName());
        assertTrue(Corpus.all().size() >= 50, "the corpus has " + Corpus.all().size() + " kernels");
    }

    @Nested
    @DisplayName("on seeded random inputs, in the kernel's check mode")
    class Seeded {
        @ParameterizedTest(name = "{0} (seed {1}) gives plain Java's outputs and failure")
        @MethodSource("org.jdotcompute.example.interp.tests.CorpusThroughPluginTest#kernelsAndSeeds")
        void matchesPlainJava(CorpusKernel k, long seed) {
            List<Object> expected = k.inputs(seed);
            Optional<DeviceKernelException> javaFailure = JvmReference.run(k, expected);
            List<Object> actual = k.inputs(seed);
            Optional<DeviceKernelException> pluginFailure = launch(k, k.checks(), actual);

            if (k.failure().isPresent()) {
                assertTrue(javaFailure.isPresent(), k + " must fail in plain Java");
                assertEquals(Optional.empty(), k.failure().get().mismatch(javaFailure.get()),
                        "the corpus record of " + k + " disagrees with plain Java");
                assertTrue(pluginFailure.isPresent(), k + " must fail on the interp plugin");
                DeviceKernelException p = pluginFailure.get();
                assertEquals(Optional.empty(), k.failure().get().mismatch(p),
                        "the interp plugin's failure of " + k + " differs from the expectation");
                assertEquals("IR interpreter", p.backend());
                DeviceKernelException j = javaFailure.get();
                assertEquals(j.getCause().getClass(), p.getCause().getClass());
                assertEquals(j.getCause().getMessage(), p.getCause().getMessage());
                assertEquals(j.sourceFile() + ":" + j.sourceLine(), p.sourceFile() + ":" + p.sourceLine());
                assertEquals(j.failureCount(), p.failureCount());
                if (j.failureCount() == 1) {
                    assertEquals(Arrays.toString(j.globalId()), Arrays.toString(p.globalId()));
                }
            } else {
                assertEquals(Optional.empty(), javaFailure.map(Throwable::toString), k + " fails in plain Java");
                assertEquals(Optional.empty(), pluginFailure.map(Throwable::toString), k + " fails on the plugin");
            }
            assertEquals(Optional.empty(), Comparison.mismatch(k, expected, actual), k + " outputs differ");
        }
    }

    @Nested
    @DisplayName("without device checks")
    class Unchecked {
        @ParameterizedTest(name = "{0} under NONE gives plain Java's outputs")
        @MethodSource("org.jdotcompute.example.interp.tests.CorpusThroughPluginTest#passingKernels")
        void checksDoNotChangeResults(CorpusKernel k) {
            List<Object> expected = k.inputs(7);
            assertEquals(Optional.empty(), JvmReference.run(k, expected).map(Throwable::toString));
            List<Object> actual = k.inputs(7);
            assertEquals(Optional.empty(), launch(k, CheckMode.NONE, actual).map(Throwable::toString));
            assertEquals(Optional.empty(), Comparison.mismatch(k, expected, actual), k + " outputs differ");
        }
    }
}
