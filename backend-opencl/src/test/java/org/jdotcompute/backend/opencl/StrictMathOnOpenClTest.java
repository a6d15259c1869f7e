package org.jdotcompute.backend.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jdotcompute.api.Range;
import org.jdotcompute.spi.BackendKernel;
import org.jdotcompute.spi.KernelRequest;
import org.jdotcompute.spi.compiler.KernelTranslator;
import org.jdotcompute.spi.ir.IntrinsicOp;
import org.jdotcompute.spi.ir.IrInterpreter;
import org.jdotcompute.spi.ir.KernelIR;
import org.jdotcompute.spi.ir.Stmt;
import org.jdotcompute.testkit.corpus.Corpus;
import org.jdotcompute.testkit.corpus.CorpusKernel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The OpenCL backend keeps OpenCL's built-in transcendental functions (see {@link OpenClEmitter}),
 * but the IR that {@code KernelTranslator.lowerToStrictMath} makes of them — fdlibm's device
 * functions, constant tables and per-work-item arrays — is C-family code like any other: emitted
 * as OpenCL C and run on the device, it gives exactly {@code StrictMath}'s bits. This checks the
 * lowering, the C emitter's tables and private arrays, and PoCL's IEEE double arithmetic at once.
 */
@DisplayName("Transcendental functions lowered to StrictMath's code, as OpenCL C on the device")
class StrictMathOnOpenClTest {
    private static OpenClBackend backend;

    @BeforeAll
    static void open() {
        backend = OpenClTestSupport.open();
    }

    @AfterAll
    static void close() {
        if (backend != null) {
            backend.close();
        }
    }

    private static KernelRequest request(Method method, KernelIR ir) throws IllegalAccessException {
        List<Class<?>> types = Arrays.asList(method.getParameterTypes()).subList(1, method.getParameterCount());
        return new KernelRequest(ir.kernelName(), method, MethodHandles.publicLookup().unreflect(method), types,
                ir.checks(), () -> ir);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"math.transcendental", "math.transcendentalEdges"})
    @DisplayName("every function gives StrictMath's exact bits for")
    void bitIdentical(String name) throws Exception {
        CorpusKernel k = Corpus.byName(name);
        KernelIR ir = KernelTranslator.translate(k.method(), k.checks());
        KernelIR lowered = KernelTranslator.lowerToStrictMath(ir, IntrinsicOp.transcendentals());
        assertFalse(lowered.functions().stream().flatMap(f -> f.blocks().stream()).flatMap(b -> b.statements().stream())
                .anyMatch(s -> s instanceof Stmt.Intrinsic x && !x.op().isExact()), "nothing left for OpenCL's built-ins");
        String source = new OpenClEmitter(OpenClEmitterGoldenTest.OPTIONS).emit(lowered).source();
        assertTrue(source.contains("__constant int jdc_const"), "fdlibm's tables are __constant arrays");
        assertTrue(source.contains("__private double* "), "fdlibm's work arrays are private");
        BackendKernel kernel = backend.compile(request(k.method(), lowered));
        for (long seed : new long[] {1, 42, 20_250_607}) {
            List<Object> expected = k.inputs(seed);
            new IrInterpreter(ir).execute(k.range(), expected); // StrictMath, the reference of the interpreter
            List<Object> actual = k.inputs(seed);
            backend.launch(kernel, k.range(), actual);
            double[] e = (double[]) expected.get(2);
            double[] a = (double[]) actual.get(2);
            List<String> wrong = new ArrayList<>();
            for (int i = 0; i < e.length; i++) {
                boolean same = Double.doubleToRawLongBits(e[i]) == Double.doubleToRawLongBits(a[i])
                        || Double.isNaN(e[i]) && Double.isNaN(a[i]);
                if (!same && wrong.size() < 10) {
                    wrong.add("function " + i % 18 + " of work-item " + i / 18 + ": " + e[i] + " (StrictMath) != "
                            + a[i]);
                }
            }
            assertEquals(List.of(), wrong, name + " with seed " + seed);
        }
    }
}
