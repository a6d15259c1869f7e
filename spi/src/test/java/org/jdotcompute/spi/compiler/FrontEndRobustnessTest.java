package org.jdotcompute.spi.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.jdotcompute.api.CheckMode;
import org.jdotcompute.api.exceptions.KernelCompilationException;
import org.jdotcompute.spi.ir.IrPrinter;
import org.jdotcompute.spi.ir.IrVerifier;
import org.jdotcompute.spi.ir.KernelIR;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("The front end either translates a static method or rejects it with KernelCompilationException")
class FrontEndRobustnessTest {

    static Stream<Class<?>> classes() {
        return Stream.of(Math.class, StrictMath.class, Integer.class, Long.class, Character.class,
                java.util.Arrays.class, Float.class, Double.class, Short.class, Byte.class, Boolean.class,
                java.util.Objects.class, TestKernels.class, RejectedKernels.class, GoldenKernels.class,
                FrontEndRobustnessTest.class, KernelTranslatorTest.class, RejectionTest.class);
    }

    @ParameterizedTest(name = "every static method of {0}")
    @MethodSource("classes")
    void nothingElseEscapes(Class<?> type) {
        List<String> escaped = new ArrayList<>();
        int translated = 0;
        int rejected = 0;
        for (Method m : type.getDeclaredMethods()) {
            if (!Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            for (CheckMode mode : new CheckMode[] {CheckMode.FULL, CheckMode.NONE}) {
                try {
                    KernelIR ir = KernelTranslator.translateAsDeviceFunction(m, mode);
                    IrVerifier.verify(ir);
                    assertTrue(IrPrinter.print(ir).contains(ir.kernel().name()));
                    translated++;
                } catch (KernelCompilationException e) {
                    assertTrue(e.getMessage().startsWith("[" + type.getSimpleName() + "." + m.getName()
                            + "] Compilation failed: "), e.getMessage());
                    rejected++;
                } catch (RuntimeException | Error e) {
                    escaped.add(m + " (" + mode + "): " + e);
                }
            }
        }
        assertEquals(List.of(), escaped, "exceptions other than KernelCompilationException escaped");
        assertTrue(translated + rejected > 0, "no static methods in " + type);
        if (type == Math.class || type == StrictMath.class || type == Integer.class || type == Long.class
                || type == TestKernels.class) {
            assertTrue(translated > rejected / 4, type + ": only " + translated + " of " + (translated + rejected)
                    + " translations succeeded");
        }
    }
}
