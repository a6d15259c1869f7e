package org.jdotcompute.spi.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;

import org.jdotcompute.spi.codegen.JavaPreamble.Helper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The Java-semantics preamble")
class JavaPreambleTest {
    static final CDialect D = TestDialect.INSTANCE;

    @Test
    @DisplayName("includes what a helper calls, before it")
    void dependencies() {
        assertEquals(EnumSet.of(Helper.ROUNDD, Helper.D2L), JavaPreamble.closure(Set.of(Helper.ROUNDD)));
        assertEquals(EnumSet.of(Helper.CTZ64, Helper.POPCOUNT64, Helper.POPCOUNT32),
                JavaPreamble.closure(Set.of(Helper.CTZ64)));
        String text = JavaPreamble.definitions(D, Set.of(Helper.ROUNDF));
        assertTrue(text.indexOf("jdc_f2i(f32 a)") < text.indexOf("jdc_roundf(f32 a)"), text);
        assertEquals("", JavaPreamble.definitions(D, Set.of()));
    }

    @Test
    @DisplayName("uses the dialect's types, suffixes and bit casts")
    void dialect() {
        String div = JavaPreamble.definition(D, Helper.LDIV);
        assertEquals("static inline i64 jdc_ldiv(i64 a, i64 b) {\n    if (b == 0) {\n        return 0;\n    }\n"
                + "    if (b == -1) {\n        return (i64)-(u64)a;\n    }\n    return a / b;\n}\n", div);
        String f2l = JavaPreamble.definition(D, Helper.F2L);
        assertTrue(f2l.contains("if (a >= 0x1.0p63f) {\n        return 9223372036854775807LL;"), f2l);
        assertTrue(f2l.contains("return (-9223372036854775807LL - 1LL);"), f2l);
        String max = JavaPreamble.definition(D, Helper.FMAX);
        assertTrue(max.contains("bits_i32(a) != 0"), max);
        String pow = JavaPreamble.definition(D, Helper.POW);
        assertTrue(pow.contains("return bits_f64(0x7ff8000000000000LL);"), pow);
    }

    @Test
    @DisplayName("says which helpers need double precision")
    void doubles() {
        assertTrue(Helper.D2I.needsDouble());
        assertTrue(Helper.POW.needsDouble());
        assertFalse(Helper.F2I.needsDouble());
        assertFalse(Helper.IDIV.needsDouble());
    }

    @Test
    @DisplayName("never divides before ruling out a zero divisor and MIN_VALUE / -1")
    void divisionIsGuarded() {
        for (Helper h : Set.of(Helper.IDIV, Helper.IREM, Helper.LDIV, Helper.LREM)) {
            String def = JavaPreamble.definition(D, h);
            int guard = def.indexOf("b == -1");
            int divide = Math.max(def.indexOf("a / b"), def.indexOf("a % b"));
            assertTrue(def.indexOf("b == 0") >= 0 && guard >= 0 && divide > guard, def);
        }
    }
}
