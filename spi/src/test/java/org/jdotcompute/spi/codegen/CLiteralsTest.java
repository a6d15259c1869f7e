package org.jdotcompute.spi.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.jdotcompute.spi.ir.Const;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("C literals")
class CLiteralsTest {
    static final CDialect D = TestDialect.INSTANCE;

    @Nested
    @DisplayName("of integers")
    class Integers {
        @Test
        @DisplayName("parenthesise negatives and never overflow at MIN_VALUE")
        void ints() {
            assertEquals("0", CLiterals.intLiteral(0));
            assertEquals("42", CLiterals.intLiteral(42));
            assertEquals("(-42)", CLiterals.intLiteral(-42));
            assertEquals("(-2147483647 - 1)", CLiterals.intLiteral(Integer.MIN_VALUE));
            assertEquals("2147483647", CLiterals.intLiteral(Integer.MAX_VALUE));
        }

        @Test
        @DisplayName("carry the dialect's 64-bit suffix")
        void longs() {
            assertEquals("42LL", CLiterals.longLiteral(D, 42));
            assertEquals("(-42LL)", CLiterals.longLiteral(D, -42));
            assertEquals("(-9223372036854775807LL - 1LL)", CLiterals.longLiteral(D, Long.MIN_VALUE));
            assertEquals("0x7ff0000000000000LL", CLiterals.longBits(D, 0x7ff0000000000000L));
            assertEquals("(-0x7fffffffffffffffLL - 1LL)", CLiterals.longBits(D, Long.MIN_VALUE));
        }

        @Test
        @DisplayName("can be written as hexadecimal bit patterns")
        void bits() {
            assertEquals("0x7fc00000", CLiterals.intBits(0x7fc00000));
            assertEquals("(-0x800000)", CLiterals.intBits(0xff800000));
            assertEquals("(-0x7fffffff - 1)", CLiterals.intBits(Integer.MIN_VALUE));
        }
    }

    @Nested
    @DisplayName("of floating-point values")
    class Floats {
        @Test
        @DisplayName("print small integral values in decimal and the rest in exact hexadecimal")
        void floats() {
            assertEquals("2.0f", CLiterals.floatLiteral(D, 2f));
            assertEquals("(-3.0f)", CLiterals.floatLiteral(D, -3f));
            assertEquals("0.0f", CLiterals.floatLiteral(D, 0f));
            assertEquals("(-0.0f)", CLiterals.floatLiteral(D, -0f));
            assertEquals("0x1.99999ap-4f", CLiterals.floatLiteral(D, 0.1f));
            assertEquals("0x0.000002p-126f", CLiterals.floatLiteral(D, Float.MIN_VALUE));
            assertEquals("0x1.0p31f", CLiterals.floatLiteral(D, 0x1p31f));
            assertEquals("0.1f", CLiterals.floatLiteral(TestDialect.DECIMAL, 0.1f));
        }

        @Test
        @DisplayName("write NaN (with its payload) and the infinities as bit casts")
        void special() {
            assertEquals("bits_f32(0x7fc00000)", CLiterals.floatLiteral(D, Float.NaN));
            assertEquals("bits_f32(0x7fc00123)", CLiterals.floatLiteral(D, Float.intBitsToFloat(0x7fc00123)));
            assertEquals("bits_f32(0x7f800000)", CLiterals.floatLiteral(D, Float.POSITIVE_INFINITY));
            assertEquals("bits_f32((-0x800000))", CLiterals.floatLiteral(D, Float.NEGATIVE_INFINITY));
            assertEquals("bits_f64(0x7ff8000000000000LL)", CLiterals.doubleLiteral(D, Double.NaN));
            assertEquals("bits_f64((-0x10000000000000LL))", CLiterals.doubleLiteral(D, Double.NEGATIVE_INFINITY));
        }

        @Test
        @DisplayName("read back to the same bits, hexadecimal or decimal")
        void roundTrip() {
            Random r = new Random(11);
            for (int i = 0; i < 100_000; i++) {
                float f = Float.intBitsToFloat(r.nextInt());
                double d = Double.longBitsToDouble(r.nextLong());
                if (!Float.isNaN(f) && !Float.isInfinite(f)) {
                    assertEquals(Float.floatToRawIntBits(f), Float.floatToRawIntBits(parseFloat(CLiterals.floatLiteral(D, f))));
                    assertEquals(Float.floatToRawIntBits(f),
                            Float.floatToRawIntBits(parseFloat(CLiterals.floatLiteral(TestDialect.DECIMAL, f))));
                }
                if (!Double.isNaN(d) && !Double.isInfinite(d)) {
                    assertEquals(Double.doubleToRawLongBits(d),
                            Double.doubleToRawLongBits(parseDouble(CLiterals.doubleLiteral(D, d))));
                    assertEquals(Double.doubleToRawLongBits(d),
                            Double.doubleToRawLongBits(parseDouble(CLiterals.doubleLiteral(TestDialect.DECIMAL, d))));
                }
            }
        }

        private static float parseFloat(String literal) {
            return Float.parseFloat(literal.replace("(", "").replace(")", ""));
        }

        private static double parseDouble(String literal) {
            return Double.parseDouble(literal.replace("(", "").replace(")", ""));
        }
    }

    @Test
    @DisplayName("of IR constants follow their kind")
    void constants() {
        assertEquals("(-1)", CLiterals.of(D, Const.ofInt(-1)));
        assertEquals("5LL", CLiterals.of(D, Const.ofLong(5)));
        assertEquals("0x1.0p-1f", CLiterals.of(D, Const.ofFloat(0.5f)));
        assertEquals("1.0", CLiterals.of(D, Const.ofDouble(1.0)));
        assertEquals("0LL", CLiterals.zero(D, org.jdotcompute.spi.ir.Scalar.LONG));
    }
}
