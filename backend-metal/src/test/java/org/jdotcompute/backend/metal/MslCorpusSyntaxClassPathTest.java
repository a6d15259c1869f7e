package org.jdotcompute.backend.metal;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.jdotcompute.api.CheckMode;
import org.jdotcompute.api.exceptions.KernelCompilationException;
import org.jdotcompute.spi.compiler.KernelTranslator;
import org.jdotcompute.spi.ir.KernelIR;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MSL of every kernel of the differential corpus ({@code org.jdotcompute.testkit.corpus}),
 * translated by the bytecode front end, compiled for syntax ({@link MslSyntaxChecker}). A kernel
 * that needs a capability Metal lacks (FP64, INT64_ATOMICS) is reported as skipped with the
 * reason; any other rejection fails.
 *
 * <p>The corpus and the front end are on their own branch until they land; until then this
 * test is skipped, saying so. It reaches the corpus by reflection so that it compiles either way,
 * and runs on the class path (Surefire's class-path execution) so that the testkit needs no
 * module wiring.
 */
@DisplayName("The MSL of every corpus kernel, compiled for syntax")
class MslCorpusSyntaxClassPathTest {
    private static final String CORPUS = "org.jdotcompute.testkit.corpus.Corpus";

    @TempDir
    static Path work;

    @TestFactory
    Stream<DynamicTest> corpusKernels() throws IOException, ReflectiveOperationException {
        Class<?> corpus;
        try {
            corpus = Class.forName(CORPUS);
        } catch (ClassNotFoundException e) {
            return Stream.of(dynamicTest("the corpus is not on this branch yet", () -> Assumptions.abort("the kernel corpus ("
                    + CORPUS + ") is not on this branch yet; it lands with the bytecode front end, and this test then"
                    + " checks the MSL of every corpus kernel")));
        }
        List<?> kernels = (List<?>) corpus.getMethod("all").invoke(null);
        MslSyntaxChecker checker = MslSyntaxChecker.inDirectory(work);
        return kernels.stream().map(k -> {
            String name = (String) call(k, "name");
            return dynamicTest(name, () -> {
                KernelIR ir = KernelTranslator.translate((Method) call(k, "method"), (CheckMode) call(k, "checks"));
                MslProgram program;
                try {
                    program = MslTranslator.translate(ir);
                } catch (KernelCompilationException e) {
                    boolean capability = e.reason().contains("(capability FP64)")
                            || e.reason().contains("(capability INT64_ATOMICS)");
                    assertTrue(capability, "rejected for something other than a capability Metal lacks: " + e.getMessage());
                    Assumptions.abort("Metal cannot run it as Java would: " + e.reason());
                    return;
                }
                checker.assertCompiles(name, program.source());
            });
        });
    }

    private static Object call(Object target, String accessor) {
        try {
            return target.getClass().getMethod(accessor).invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("corpus kernel accessor " + accessor + "() failed on " + target, e);
        }
    }
}
