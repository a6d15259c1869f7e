package org.jdotcompute.backend.cuda.ptx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.jdotcompute.api.CheckMode;
import org.jdotcompute.api.exceptions.KernelCompilationException;
import org.jdotcompute.backend.cuda.kernels.CorpusRejections;
import org.jdotcompute.spi.compiler.KernelTranslator;
import org.jdotcompute.spi.ir.KernelIR;
import org.jdotcompute.testkit.corpus.Corpus;
import org.jdotcompute.testkit.corpus.CorpusKernel;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole kernel corpus through the real front end: every kernel is translated from its
 * bytecode (under its check mode, and under every other mode), emitted as PTX and assembled for
 * {@code sm_80} and {@code sm_90} — or rejected by the PTX emitter with exactly the reason
 * listed in {@link CorpusRejections}, so a new rejection cannot slip in silently.
 */
@DisplayName("The kernel corpus compiles to PTX that assembles for sm_80 and sm_90")
class CorpusPtxTest {
    static final List<String> TARGETS = List.of("sm_80", "sm_90");

    /** The listed rejections (see {@link CorpusRejections}). */
    static final Map<String, String> REJECTED = CorpusRejections.REJECTED;

    /** The outcome of emitting one corpus kernel: PTX, or the emitter's rejection. */
    record Emitted(CorpusKernel kernel, KernelIR ir, Optional<PtxModule> module, Optional<KernelCompilationException> rejection) {
    }

    static Emitted emit(CorpusKernel k, CheckMode mode) {
        KernelIR ir = KernelTranslator.translate(k.method(), mode);
        try {
            return new Emitted(k, ir, Optional.of(PtxEmitter.emit(ir)), Optional.empty());
        } catch (KernelCompilationException e) {
            return new Emitted(k, ir, Optional.empty(), Optional.of(e));
        }
    }

    static Stream<Arguments> kernelsAndTargets() {
        List<Arguments> all = new ArrayList<>();
        for (CorpusKernel k : Corpus.all()) {
            for (String gpu : TARGETS) {
                all.add(Arguments.of(k, gpu));
            }
        }
        return all.stream();
    }

    static Stream<Arguments> kernelsAndModes() {
        List<Arguments> all = new ArrayList<>();
        for (CorpusKernel k : Corpus.all()) {
            for (CheckMode mode : CheckMode.values()) {
                if (mode != k.checks()) {
                    all.add(Arguments.of(k, mode));
                }
            }
        }
        return all.stream();
    }

    /** Emits {@code k} under {@code mode}: PTX, or (for a listed kernel only) the listed rejection. */
    static Optional<String> ptxOrListedRejection(CorpusKernel k, CheckMode mode) {
        Emitted e = emit(k, mode);
        if (e.rejection().isPresent()) {
            KernelCompilationException x = e.rejection().get();
            String expected = REJECTED.get(k.name());
            if (expected == null) {
                fail(k + " was rejected by the PTX emitter, and it is not listed in CorpusRejections: "
                        + x.getMessage(), x);
            }
            assertEquals(expected, x.reason(), k + " is rejected for another reason than the listed one");
            assertEquals("CUDA", x.backend());
            assertEquals(e.ir().kernelName(), x.kernelId());
            assertEquals("[" + e.ir().kernelName() + "] Compilation failed: " + expected, x.getMessage());
            return Optional.empty();
        }
        assertTrue(!REJECTED.containsKey(k.name()), k + " is listed as rejected but now emits PTX: remove it from REJECTED");
        return Optional.of(e.module().orElseThrow().ptx());
    }

    @Test
    @DisplayName("the listed rejections are exactly the kernels the emitter rejects: none")
    void rejectionsAreListed() {
        Map<String, String> actual = new TreeMap<>();
        for (CorpusKernel k : Corpus.all()) {
            emit(k, k.checks()).rejection().ifPresent(x -> actual.put(k.name(), x.reason()));
        }
        assertEquals(new TreeMap<>(REJECTED), actual);
        assertEquals(Map.of(), actual, "every corpus kernel compiles to PTX");
        assertTrue(Corpus.all().size() >= 62, "the corpus has " + Corpus.all().size() + " kernels");
    }

    @Nested
    @DisplayName("with JCuda's statically linked nvPTXCompiler (CUDA 12.6)")
    class NvPtxCompiler {
        @ParameterizedTest(name = "{0} assembles for {1}")
        @MethodSource("org.jdotcompute.backend.cuda.ptx.CorpusPtxTest#kernelsAndTargets")
        void assembles(CorpusKernel k, String gpu) {
            Optional<String> ptx = ptxOrListedRejection(k, k.checks());
            if (ptx.isEmpty()) {
                return; // rejected exactly as listed (asserted by ptxOrListedRejection)
            }
            PtxAssembler.Result r = PtxAssembler.nvPtxCompiler(ptx.get(), gpu);
            assertTrue(r.ok(), () -> k + " did not assemble for " + gpu + ":\n" + r.log() + "\n"
                    + PtxAssemblyTest.numbered(ptx.get()));
        }

        @ParameterizedTest(name = "{0} under {1} assembles for sm_80")
        @MethodSource("org.jdotcompute.backend.cuda.ptx.CorpusPtxTest#kernelsAndModes")
        void assemblesInEveryCheckMode(CorpusKernel k, CheckMode mode) {
            Optional<String> ptx = ptxOrListedRejection(k, mode);
            if (ptx.isEmpty()) {
                return; // rejected exactly as listed (asserted by ptxOrListedRejection)
            }
            PtxAssembler.Result r = PtxAssembler.nvPtxCompiler(ptx.get(), "sm_80");
            assertTrue(r.ok(), () -> k + " under " + mode + " did not assemble:\n" + r.log() + "\n"
                    + PtxAssemblyTest.numbered(ptx.get()));
        }
    }

    @Nested
    @DisplayName("with the CUDA toolkit's ptxas, where installed")
    class Ptxas {
        @ParameterizedTest(name = "{0} assembles for {1}")
        @MethodSource("org.jdotcompute.backend.cuda.ptx.CorpusPtxTest#kernelsAndTargets")
        void assembles(CorpusKernel k, String gpu) throws Exception {
            Path ptxas = PtxAssembler.ptxas().orElse(null);
            assumeTrue(ptxas != null, "no CUDA toolkit ptxas at /usr/local/cuda/bin/ptxas (nvPTXCompiler covers this)");
            Optional<String> ptx = ptxOrListedRejection(k, k.checks());
            if (ptx.isEmpty()) {
                return; // rejected exactly as listed (asserted by ptxOrListedRejection)
            }
            PtxAssembler.Result r = PtxAssembler.ptxas(ptxas, ptx.get(), gpu);
            assertTrue(r.ok(), () -> k + " did not assemble with ptxas for " + gpu + ":\n" + r.log() + "\n"
                    + PtxAssemblyTest.numbered(ptx.get()));
        }
    }
}
