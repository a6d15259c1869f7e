package org.jdotcompute.backend.cuda.ptx;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import org.jdotcompute.backend.cuda.ptx.PtxSimulator.SimulationError;
import org.jdotcompute.backend.cuda.ptx.PtxSimulatorCorpusTest.Geometry;
import org.jdotcompute.spi.compiler.KernelTranslator;
import org.jdotcompute.testkit.corpus.Corpus;
import org.jdotcompute.testkit.corpus.CorpusKernel;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * The simulator is only worth its passes if it fails on wrong PTX. Each test takes the emitter's
 * PTX for a corpus kernel, plants one plausible emitter bug in the text, and checks that the
 * differential comparison with the IR interpreter catches it: as a different result or failure
 * (the PTX's meaning changed), or as a {@link SimulationError} (the PTX became undefined or left
 * Java's semantics).
 */
@DisplayName("The PTX simulator catches plausible emitter bugs")
class PtxSimulatorTest {

    /** Applies {@code mutation} to {@code kernel}'s PTX, after checking that it changes the text. */
    private static UnaryOperator<String> checked(String kernel, UnaryOperator<String> mutation) {
        CorpusKernel k = Corpus.byName(kernel);
        String ptx = PtxEmitter.emit(KernelTranslator.translate(k.method(), k.checks())).ptx();
        assertNotEquals(ptx, mutation.apply(ptx), "the mutation must change " + kernel + "'s PTX");
        return mutation;
    }

    private static void differs(String kernel, UnaryOperator<String> mutation) {
        CorpusKernel k = Corpus.byName(kernel);
        UnaryOperator<String> m = checked(kernel, mutation);
        assertThrows(AssertionFailedError.class,
                () -> PtxSimulatorCorpusTest.compare(k, k.checks(), 1L, Geometry.BACKEND, m));
    }

    private static void undefined(String kernel, UnaryOperator<String> mutation, String messagePart) {
        CorpusKernel k = Corpus.byName(kernel);
        UnaryOperator<String> m = checked(kernel, mutation);
        SimulationError e = assertThrows(SimulationError.class,
                () -> PtxSimulatorCorpusTest.compare(k, k.checks(), 1L, Geometry.BACKEND, m));
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    }

    private static UnaryOperator<String> first(String regex, String replacement) {
        Pattern p = Pattern.compile(regex, Pattern.MULTILINE);
        return ptx -> p.matcher(ptx).replaceFirst(replacement);
    }

    private static UnaryOperator<String> all(String literal, String replacement) {
        return ptx -> ptx.replace(literal, replacement);
    }

    @Nested
    @DisplayName("a wrong instruction changes the results")
    class WrongResults {
        @Test
        @DisplayName("an ordered != on floats (setp.ne instead of setp.neu) is false for NaN, unlike Java")
        void orderedNotEqual() {
            differs("arithmetic.floatOps", all("setp.neu.f32", "setp.ne.f32"));
        }

        @Test
        @DisplayName("copysign with its operands swapped (Math.signum gives |x| instead of ±1)")
        void copysignSwapped() {
            differs("math.exactFloat", first("copysign\\.f32 (%\\w+), (%\\w+), (0f\\w+);", "copysign.f32 $1, $3, $2;"));
        }

        @Test
        @DisplayName("a logical shift where Java shifts arithmetically")
        void logicalShift() {
            differs("arithmetic.intShifts", all("shr.s32", "shr.u32"));
        }

        @Test
        @DisplayName("a missing barrier in a reduction")
        void missingBarrier() {
            // the first bar.sync zeroes the tile; the second publishes the loaded values
            differs("memory.reduce", ptx -> {
                int zeroing = ptx.indexOf("bar.sync 0;");
                int loaded = ptx.indexOf("bar.sync 0;", zeroing + 1);
                return ptx.substring(0, loaded) + "// removed" + ptx.substring(loaded + "bar.sync 0;".length());
            });
        }

        @Test
        @DisplayName("the failing work-item's x coordinate written to the record's y slot")
        void errorRecordLayout() {
            differs("failure.boundsRead", all("st.global.u32 [%err+16]", "st.global.u32 [%err+20]"));
        }

        @Test
        @DisplayName("group-local arrays not zeroed at kernel entry (shared memory holds the previous block's data)")
        void localArraysNotZeroed() {
            differs("memory.localStartsZeroed", first("\\tst\\.shared\\.u64 \\[%rd\\d+], %rd\\d+;\\n", ""));
        }

        @Test
        @DisplayName("arrays made with new not zeroed at their allocation")
        void privateArraysNotZeroed() {
            differs("tables.privateArrays", ptx -> ptx.replaceAll("\\tst\\.u64 \\[%v_\\w+\\+\\d+], %rd\\d+;\\n", ""));
        }

        @Test
        @DisplayName("a constant table with a wrong element")
        void wrongTableElement() {
            differs("tables.lookup", first("(jdc_ct0\\[16] = \\{)0x00000002,", "$10x00000003,"));
        }

        @Test
        @DisplayName("a failure counted twice")
        void failureCountedTwice() {
            differs("failure.boundsSeveral", all("\tred.global.add.u32 [%err+8], 1;",
                    "\tred.global.add.u32 [%err+8], 1;\n\tred.global.add.u32 [%err+8], 1;"));
        }
    }

    @Nested
    @DisplayName("undefined or non-Java PTX is refused")
    class Refused {
        @Test
        @DisplayName("float addition without .rn (ptxas may contract it into an FMA)")
        void noRounding() {
            undefined("arithmetic.floatOps", all("add.rn.f32", "add.f32"), "without .rn");
        }

        @Test
        @DisplayName("flushing subnormals")
        void flushToZero() {
            undefined("arithmetic.floatOps", all("mul.rn.f32", "mul.rn.ftz.f32"), ".ftz");
        }

        @Test
        @DisplayName("a group-local array read with ld.global (the wrong state space)")
        void wrongStateSpace() {
            undefined("memory.tileSums", first("ld\\.shared\\.f32", "ld.global.f32"), "outside every .global allocation");
        }

        @Test
        @DisplayName("an integer division whose MIN / -1 guard is gone")
        void unguardedDivision() {
            undefined("arithmetic.intOps", first("selp\\.b32 (%r\\d+), 1, (%\\S+), (%p\\d+);", "mov.b32 $1, $2;"),
                    "MIN / -1");
        }

        @Test
        @DisplayName("a float-to-int conversion that does not truncate")
        void roundingConversion() {
            undefined("conversion.fromFloat", all("cvt.rzi.s32.f32", "cvt.rni.s32.f32"), ".rzi");
        }

        @Test
        @DisplayName("the failure flag passed to a device function before it is set")
        void undefinedRegister() {
            undefined("failure.throwInDeviceFunction", all("\tmov.u32 %fail, 0;\n", "\n"), "read before it is written");
        }

        @Test
        @DisplayName("a kernel parameter whose size differs from what the backend passes")
        void parameterSize() {
            undefined("arithmetic.intOps", first("\\.param \\.u32 (jdc_\\w+_p0_n),", ".param .u64 $1,"),
                    "is 8 bytes in the PTX, the launch passes 4");
        }

        @Test
        @DisplayName("an atomic float add (atom.add.f32 flushes subnormals)")
        void atomicFloatAdd() {
            undefined("memory.atomics", first("(\\tld\\.global\\.b32 (%r\\d+), \\[(%rd\\d+)];)",
                    "\tatom.global.add.f32 %f0, [$3], %f0;\n$1"), "atom.add.f32");
        }

        @Test
        @DisplayName("a store into a constant table")
        void storeIntoTable() {
            undefined("tables.lookup", first("(\\tmov\\.u64 (%v_\\w+), jdc_ct0;)", "$1\n\tst.global.u32 [$2], 7;"),
                    "which is read-only");
        }

        @Test
        @DisplayName("a private array read through its generic address with ld.local")
        void privateArrayWrongSpace() {
            undefined("tables.privateArrays", first("\\tld\\.s32 ", "\tld.local.s32 "), "outside every .local allocation");
        }

        @Test
        @DisplayName("trap")
        void trap() {
            undefined("failure.boundsRead", first("(\\tred\\.global\\.add\\.u32)", "\ttrap;\n$1"), "trap");
        }
    }
}
