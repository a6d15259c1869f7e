package org.jdotcompute.api.ring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.invoke.MethodHandles;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;

import org.jdotcompute.api.exceptions.MessageSerializationException;
import org.jdotcompute.api.exceptions.MessageValidationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("MessageCodec")
class MessageCodecTest {
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private static final String PREFIX = MessageCodecTest.class.getName() + "$";

    enum Side { BUY, SELL }

    record Tick(byte side, @FixedLength(2) long[] px) {
    }

    record Pair(int a, long b) {
    }

    record Point(float x, float y) {
    }

    record Order(Side side, Point at, @FixedLength(8) String symbol, @FixedLength(3) int[] lots, boolean urgent,
            char tag, short s, double price) {
    }

    record Doc(String title, double[] values, Point origin, byte[] blob) {
    }

    record WithList(int id, List<String> items) {
    }

    record WithBox(Integer count) {
    }

    record WithObjects(Object[] things) {
    }

    record Node(int value, Node next) {
    }

    record BadFixed(@FixedLength(4) int n) {
    }

    record ZeroFixed(@FixedLength(0) int[] n) {
    }

    record Outer(int id, Inner inner) {
    }

    record Inner(String name) {
    }

    record Flag(boolean on) {
    }

    record Checked(int positive) {
        Checked {
            if (positive <= 0) {
                throw new IllegalArgumentException("positive must be > 0, got " + positive);
            }
        }
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Nested
    @DisplayName("fixed-size layout")
    class FixedLayout {
        @Test
        @DisplayName("is a C struct with natural alignment, little-endian")
        void cStruct() {
            var codec = MessageCodec.of(LOOKUP, Tick.class);
            assertTrue(codec.isFixedSize());
            assertEquals(OptionalInt.of(24), codec.fixedSize());
            byte[] bytes = codec.encode(new Tick((byte) 1, new long[] {0x0102030405060708L}));
            assertEquals("01000000" + "01000000" + "0807060504030201" + "0000000000000000",
                    HexFormat.of().formatHex(bytes));
            var back = codec.decode(bytes);
            assertEquals(1, back.side());
            assertArrayEquals(new long[] {0x0102030405060708L}, back.px());
        }

        @Test
        @DisplayName("pads an int before a long and the struct to its largest alignment")
        void padding() {
            var codec = MessageCodec.of(LOOKUP, Pair.class);
            assertEquals(OptionalInt.of(16), codec.fixedSize());
            assertArrayEquals(hex("2a000000 00000000 ffffffffffffffff"), codec.encode(new Pair(42, -1)));
        }

        @Test
        @DisplayName("round-trips every kind of fixed component and describes the layout with offsets")
        void roundTrip() {
            var codec = MessageCodec.of(LOOKUP, Order.class);
            assertTrue(codec.isFixedSize());
            var order = new Order(Side.SELL, new Point(1.5f, -2f), "ÉTÉ", new int[] {7, 8}, true, 'λ', (short) -3,
                    99.25);
            var back = codec.decode(codec.encode(order));
            assertEquals(Side.SELL, back.side());
            assertEquals(new Point(1.5f, -2f), back.at());
            assertEquals("ÉTÉ", back.symbol());
            assertArrayEquals(new int[] {7, 8}, back.lots());
            assertTrue(back.urgent());
            assertEquals('λ', back.tag());
            assertEquals(-3, back.s());
            assertEquals(99.25, back.price());
            assertEquals("""
                    %sOrder (fixed-size, 56 bytes, C layout)
                    @0 int32_t side (ordinal of Side)
                    @4 struct Point at
                      @4 float at.x
                      @8 float at.y
                    @12 int32_t symbol_length (UTF-8 bytes)
                    @16 uint8_t symbol[8] (UTF-8)
                    @24 int32_t lots_length
                    @28 int32_t lots[3]
                    @40 uint8_t (0 or 1) urgent
                    @42 uint16_t (UTF-16) tag
                    @44 int16_t s
                    @48 double price
                    """.formatted(PREFIX), codec.layout());
            assertEquals(56, codec.encode(order).length);
        }
    }

    @Nested
    @DisplayName("packed layout")
    class PackedLayout {
        @Test
        @DisplayName("holds variable strings and arrays with counts, no padding")
        void packed() {
            var codec = MessageCodec.of(LOOKUP, Doc.class);
            assertFalse(codec.isFixedSize());
            assertEquals(OptionalInt.empty(), codec.fixedSize());
            var doc = new Doc("hi", new double[] {1.0}, new Point(0f, 1f), new byte[] {9});
            byte[] bytes = codec.encode(doc);
            assertEquals("02000000" + "6869" + "01000000" + "000000000000f03f" + "00000000" + "0000803f"
                    + "01000000" + "09", HexFormat.of().formatHex(bytes));
            assertEquals(bytes.length, codec.encodedSize(doc));
            var back = codec.decode(bytes);
            assertEquals("hi", back.title());
            assertArrayEquals(new double[] {1.0}, back.values());
            assertEquals(new Point(0f, 1f), back.origin());
            assertArrayEquals(new byte[] {9}, back.blob());
        }

        @Test
        @DisplayName("encodes into and decodes from a ByteBuffer at its position, whatever its byte order")
        void buffers() {
            var codec = MessageCodec.of(LOOKUP, Doc.class);
            var doc = new Doc("abc", new double[0], new Point(1f, 2f), new byte[0]);
            ByteBuffer buffer = ByteBuffer.allocate(100).order(ByteOrder.BIG_ENDIAN);
            buffer.position(5);
            codec.encode(doc, buffer);
            assertEquals(5 + codec.encodedSize(doc), buffer.position());
            buffer.flip().position(5);
            var back = codec.decode(buffer);
            assertEquals("abc", back.title());
            assertEquals(buffer.limit(), buffer.position());
        }

        @Test
        @DisplayName("copies deeply: the copy shares no array with the original")
        void copy() {
            var codec = MessageCodec.of(LOOKUP, Doc.class);
            var doc = new Doc("t", new double[] {1, 2}, new Point(3f, 4f), new byte[] {5});
            var copy = codec.copy(doc);
            assertNotSame(doc.values(), copy.values());
            assertArrayEquals(doc.values(), copy.values());
            doc.values()[0] = 42;
            assertEquals(1, copy.values()[0]);
        }
    }

    @Nested
    @DisplayName("unsupported types")
    class Unsupported {
        @Test
        @DisplayName("are rejected when the codec is made, naming the component and its type")
        void rejected() {
            var e = assertThrows(MessageSerializationException.class, () -> MessageCodec.of(LOOKUP, WithList.class));
            assertEquals("Cannot serialize " + PREFIX + "WithList: component 'items' has type java.util.List"
                    + "<java.lang.String>, which the codec cannot encode; use primitives, primitive arrays, String,"
                    + " enums or records of these", e.getMessage());
            assertEquals(PREFIX + "WithList", e.messageType());
            e = assertThrows(MessageSerializationException.class, () -> MessageCodec.of(LOOKUP, WithBox.class));
            assertEquals("Cannot serialize " + PREFIX + "WithBox: component 'count' has type java.lang.Integer,"
                    + " which the codec cannot encode; use int instead (a codec component cannot be null)",
                    e.getMessage());
            e = assertThrows(MessageSerializationException.class, () -> MessageCodec.of(LOOKUP, WithObjects.class));
            assertTrue(e.getMessage().endsWith("component 'things' has type java.lang.Object[], which the codec"
                    + " cannot encode; only arrays of primitives can be encoded"), e.getMessage());
        }

        @Test
        @DisplayName("a recursive record, a misplaced or non-positive @FixedLength are rejected")
        void structural() {
            var e = assertThrows(MessageSerializationException.class, () -> MessageCodec.of(LOOKUP, Node.class));
            assertEquals("Cannot serialize " + PREFIX + "Node: component 'next' of type " + PREFIX
                    + "Node makes the record recursive, which no fixed or packed layout can hold", e.getMessage());
            e = assertThrows(MessageSerializationException.class, () -> MessageCodec.of(LOOKUP, BadFixed.class));
            assertEquals("Cannot serialize " + PREFIX + "BadFixed: component 'n' of type int has @FixedLength,"
                    + " which only arrays and String can have", e.getMessage());
            e = assertThrows(MessageSerializationException.class, () -> MessageCodec.of(LOOKUP, ZeroFixed.class));
            assertEquals("Cannot serialize " + PREFIX + "ZeroFixed: component 'n' has @FixedLength(0); the length"
                    + " must be positive", e.getMessage());
        }

        @Test
        @DisplayName("a record the codec cannot reach is rejected with a way out")
        @SuppressWarnings({"unchecked", "rawtypes"})
        void inaccessible() {
            var e = assertThrows(MessageSerializationException.class, () -> MessageCodec.of(Pair.class));
            assertTrue(e.getMessage().startsWith("Cannot serialize " + PREFIX + "Pair: the record " + PREFIX
                    + "Pair is not accessible to the codec ("), e.getMessage());
            assertTrue(e.getMessage().endsWith("make it public in an exported package, or create the codec with"
                    + " MessageCodec.of(MethodHandles.lookup(), Pair.class) from its own module"), e.getMessage());
            Class raw = String.class;
            var notRecord = assertThrows(MessageSerializationException.class, () -> MessageCodec.of(LOOKUP, raw));
            assertEquals("Cannot serialize java.lang.String: it is not a record; the codec encodes records only",
                    notRecord.getMessage());
        }
    }

    @Nested
    @DisplayName("validation")
    class Validation {
        @Test
        @DisplayName("a null component is rejected with its path")
        void nulls() {
            var codec = MessageCodec.of(LOOKUP, Outer.class);
            var e = assertThrows(MessageValidationException.class, () -> codec.encode(new Outer(1, new Inner(null))));
            assertEquals(PREFIX + "Outer.inner.name: is null; the codec encodes every component, so give it a value",
                    e.getMessage());
            assertEquals("inner.name", e.field());
            assertEquals(PREFIX + "Outer", e.messageType());
            e = assertThrows(MessageValidationException.class, () -> codec.encode(null));
            assertEquals(PREFIX + "Outer.(message): the message is null; pass a Outer", e.getMessage());
        }

        @Test
        @DisplayName("an array or string over its @FixedLength is rejected")
        void oversize() {
            var codec = MessageCodec.of(LOOKUP, Tick.class);
            var e = assertThrows(MessageValidationException.class, () -> codec.encode(new Tick((byte) 0, new long[3])));
            assertEquals(PREFIX + "Tick.px: array of length 3 exceeds its @FixedLength(2)", e.getMessage());
            var orders = MessageCodec.of(LOOKUP, Order.class);
            e = assertThrows(MessageValidationException.class, () -> orders.encode(new Order(Side.BUY,
                    new Point(0, 0), "ÉÉÉÉÉ", new int[0], false, 'a', (short) 0, 0)));
            assertEquals(PREFIX + "Order.symbol: string of 10 UTF-8 bytes exceeds its @FixedLength(8)", e.getMessage());
        }

        @Test
        @DisplayName("a message of another class is rejected")
        @SuppressWarnings({"unchecked", "rawtypes"})
        void wrongClass() {
            MessageCodec raw = MessageCodec.of(LOOKUP, Pair.class);
            var e = assertThrows(MessageValidationException.class, () -> raw.encode(new Point(1, 2)));
            assertEquals(PREFIX + "Pair.(message): a " + PREFIX + "Point was given to the codec of " + PREFIX
                    + "Pair; use a codec for that type", e.getMessage());
        }
    }

    @Nested
    @DisplayName("decoding")
    class Decoding {
        @Test
        @DisplayName("truncated bytes and left-over bytes are rejected")
        void lengths() {
            var codec = MessageCodec.of(LOOKUP, Pair.class);
            var e = assertThrows(MessageSerializationException.class, () -> codec.decode(new byte[10]));
            assertEquals("Cannot serialize " + PREFIX + "Pair: cannot decode: the bytes end at offset 8, inside"
                    + " component 'b'; the message is truncated", e.getMessage());
            e = assertThrows(MessageSerializationException.class, () -> codec.decode(new byte[17]));
            assertEquals("Cannot serialize " + PREFIX + "Pair: cannot decode 17 bytes: 1 byte(s) are left over after"
                    + " the message ends at offset 16; the bytes were not encoded by this codec", e.getMessage());
        }

        @Test
        @DisplayName("bad counts, booleans, ordinals and UTF-8 are rejected naming the component")
        void values() {
            var docs = MessageCodec.of(LOOKUP, Doc.class);
            var e = assertThrows(MessageSerializationException.class, () -> docs.decode(hex("ffffffff")));
            assertEquals("Cannot serialize " + PREFIX + "Doc: cannot decode component 'title': element count -1 is"
                    + " negative; the bytes were not encoded by this codec", e.getMessage());
            e = assertThrows(MessageSerializationException.class, () -> docs.decode(hex("02000000 c328")));
            assertTrue(e.getMessage().startsWith("Cannot serialize " + PREFIX + "Doc: cannot decode component"
                    + " 'title': the bytes are not valid UTF-8"), e.getMessage());
            var flags = MessageCodec.of(LOOKUP, Flag.class);
            e = assertThrows(MessageSerializationException.class, () -> flags.decode(hex("02")));
            assertEquals("Cannot serialize " + PREFIX + "Flag: cannot decode component 'on': a boolean must be 0 or"
                    + " 1, found 2; the bytes were not encoded by this codec", e.getMessage());
            var ticks = MessageCodec.of(LOOKUP, Tick.class);
            e = assertThrows(MessageSerializationException.class, () -> ticks.decode(hex("00000000 03000000"
                    + " 0000000000000000 0000000000000000")));
            assertEquals("Cannot serialize " + PREFIX + "Tick: cannot decode component 'px': element count 3 is over"
                    + " the @FixedLength(2); the bytes were not encoded by this codec", e.getMessage());
            var orders = MessageCodec.of(LOOKUP, Order.class);
            byte[] bytes = orders.encode(new Order(Side.BUY, new Point(0, 0), "", new int[0], false, 'a',
                    (short) 0, 0));
            bytes[0] = 7;
            e = assertThrows(MessageSerializationException.class, () -> orders.decode(bytes));
            assertEquals("Cannot serialize " + PREFIX + "Order: cannot decode component 'side': ordinal 7 is not a"
                    + " constant of " + PREFIX + "Side, which has 2; the bytes were not encoded by this codec",
                    e.getMessage());
        }

        @Test
        @DisplayName("values the record's own constructor refuses are reported as undecodable")
        void constructorRefuses() {
            var codec = MessageCodec.of(LOOKUP, Checked.class);
            var e = assertThrows(MessageSerializationException.class, () -> codec.decode(hex("00000000")));
            assertEquals("Cannot serialize " + PREFIX + "Checked: the canonical constructor of " + PREFIX
                    + "Checked rejected the decoded values: positive must be > 0, got 0", e.getMessage());
        }
    }
}
