package org.jdotcompute.api.ring;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

import org.jdotcompute.api.exceptions.MessageSerializationException;
import org.jdotcompute.api.exceptions.MessageValidationException;

/**
 * A binary codec for records of primitives, primitive arrays, {@code String}s, enums and nested
 * records: the wire format of ring-kernel messages when they must be copied (value semantics, see
 * {@link RingKernelOptions#withInputCodec}) and the layout a device-resident ring kernel reads.
 *
 * <h2>Layout</h2>
 * Every number is little-endian; components are written in declaration order.
 * <ul>
 *   <li>{@code boolean} 1 byte (0 or 1), {@code byte} 1, {@code short} 2, {@code char} 2 (UTF-16
 *       unit), {@code int} 4, {@code long} 8, {@code float} 4 and {@code double} 8 (IEEE 754 bits);
 *   <li>an enum: its ordinal as an {@code int};
 *   <li>a nested record: its components, in place;
 *   <li>an array: an {@code int} element count, then the elements; with {@link FixedLength}{@code (n)}
 *       the slot always holds {@code n} elements (zero-padded), so its size is fixed;
 *   <li>a {@code String}: an {@code int} count of UTF-8 bytes, then the bytes; with
 *       {@link FixedLength}{@code (n)} the slot always holds {@code n} bytes (zero-padded).
 * </ul>
 * When every component is fixed-size (no array or string without {@link FixedLength}), the codec
 * is {@linkplain #isFixedSize() fixed-size} and the layout is exactly a C struct of the same
 * fields: each field aligned to its natural alignment (an array or string slot to that of its
 * {@code int} count and elements), each struct padded to its largest alignment — for example
 * {@code record Tick(byte side, @FixedLength(2) long[] px)} is
 * {@code struct { int8_t side; /*pad 3*}{@code / int32_t px_length; int64_t px[2]; }}, 24 bytes.
 * Otherwise the layout is packed, with no padding at all. {@link #layout()} describes a codec's
 * layout with offsets.
 *
 * <h2>Errors</h2>
 * <ul>
 *   <li>{@link MessageSerializationException} from {@link #of}: a component type the codec cannot
 *       encode (the reason names the component and its type), a recursive record, a misplaced
 *       {@link FixedLength}, an inaccessible record; from {@code decode}: bytes that do not hold a
 *       message of this type.
 *   <li>{@link MessageValidationException} from {@code encode}: a null component, an array or
 *       string longer than its {@link FixedLength}, a message of another class.
 * </ul>
 *
 * <p>Thread-safe and immutable.
 *
 * @param <T> the record type
 */
public final class MessageCodec<T extends Record> {
    private final Class<T> type;
    private final RecordNode root;
    private final boolean fixedSize;
    private final int size;

    private MessageCodec(Class<T> type, RecordNode root) {
        this.type = type;
        this.root = root;
        this.fixedSize = root.fixed();
        this.size = fixedSize ? root.layOut(0, true, new StringBuilder(), "") : -1;
    }

    /**
     * A codec for {@code type}, which must be public in a package exported to (or opened to)
     * {@code org.jdotcompute.api}; otherwise use {@link #of(MethodHandles.Lookup, Class)}.
     *
     * @throws MessageSerializationException if the record has a component the codec cannot encode,
     *                                       or cannot be reached
     */
    public static <T extends Record> MessageCodec<T> of(Class<T> type) {
        return of(MethodHandles.publicLookup(), type);
    }

    /**
     * A codec for {@code type}, reaching its accessors and canonical constructor (and those of
     * nested records) through {@code lookup} — pass {@code MethodHandles.lookup()} from the
     * record's own module to need no {@code opens}.
     *
     * @throws MessageSerializationException if the record has a component the codec cannot encode,
     *                                       or {@code lookup} cannot reach it
     */
    public static <T extends Record> MessageCodec<T> of(MethodHandles.Lookup lookup, Class<T> type) {
        Objects.requireNonNull(lookup, "lookup");
        Objects.requireNonNull(type, "type");
        if (!type.isRecord()) {
            throw new MessageSerializationException(type.getName(), "it is not a record; the codec encodes records only");
        }
        return new MessageCodec<>(type, new Builder(lookup, type).record(type, "", new HashSet<>()));
    }

    /** The record type. */
    public Class<T> type() {
        return type;
    }

    /** Whether every message of this type encodes to the same number of bytes. */
    public boolean isFixedSize() {
        return fixedSize;
    }

    /** The encoded size of every message, when {@linkplain #isFixedSize() fixed-size}. */
    public OptionalInt fixedSize() {
        return fixedSize ? OptionalInt.of(size) : OptionalInt.empty();
    }

    /** A description of the layout: one line per field with its offset (fixed-size) and type. */
    public String layout() {
        StringBuilder out = new StringBuilder();
        out.append(type.getName()).append(fixedSize ? " (fixed-size, " + size + " bytes, C layout)" : " (packed)")
                .append('\n');
        root.layOut(0, fixedSize, out, "");
        return out.toString();
    }

    /**
     * The number of bytes {@code message} encodes to.
     *
     * @throws MessageValidationException as {@link #encode(Record)}
     */
    public int encodedSize(T message) {
        checkMessage(message);
        if (fixedSize) {
            root.validate(message, this);
            return size;
        }
        long n = root.measure(message, this);
        if (n > Integer.MAX_VALUE) {
            throw new MessageValidationException(type.getName(), "(message)",
                    "encodes to " + n + " bytes, more than a byte array can hold");
        }
        return (int) n;
    }

    /**
     * Encodes {@code message}.
     *
     * @throws MessageValidationException if a component is null, an array or string is longer than
     *                                    its {@link FixedLength}, or the message is not a {@code T}
     */
    public byte[] encode(T message) {
        byte[] bytes = new byte[encodedSize(message)];
        write(message, ByteBuffer.wrap(bytes));
        return bytes;
    }

    /**
     * Encodes {@code message} into {@code target} at its position (little-endian whatever the
     * buffer's order) and advances the position.
     *
     * @throws MessageValidationException as {@link #encode(Record)}
     * @throws java.nio.BufferOverflowException if the buffer has less room than
     *                                          {@link #encodedSize(Record)}
     */
    public void encode(T message, ByteBuffer target) {
        int n = encodedSize(message);
        if (target.remaining() < n) {
            throw new java.nio.BufferOverflowException();
        }
        ByteBuffer slice = target.slice(target.position(), n);
        write(message, slice);
        target.position(target.position() + n);
    }

    private void write(T message, ByteBuffer buffer) {
        buffer.order(ByteOrder.LITTLE_ENDIAN);
        root.write(message, new Out(buffer, fixedSize), this);
    }

    /**
     * Decodes a message from exactly {@code bytes}.
     *
     * @throws MessageSerializationException if the bytes do not hold one message of this type
     *                                        (too short, left-over bytes, a bad count, boolean,
     *                                        ordinal or UTF-8 sequence)
     */
    public T decode(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        T message = decode(buffer);
        if (buffer.hasRemaining()) {
            throw new MessageSerializationException(type.getName(), "cannot decode " + bytes.length + " bytes: "
                    + buffer.remaining() + " byte(s) are left over after the message ends at offset "
                    + buffer.position() + "; the bytes were not encoded by this codec");
        }
        return message;
    }

    /**
     * Decodes one message from {@code source} at its position and advances the position.
     *
     * @throws MessageSerializationException as {@link #decode(byte[])}
     */
    public T decode(ByteBuffer source) {
        Objects.requireNonNull(source, "source");
        ByteBuffer buffer = source.slice().order(ByteOrder.LITTLE_ENDIAN);
        In in = new In(buffer, fixedSize, this);
        Object message;
        try {
            message = root.read(in);
        } catch (BufferUnderflowException e) {
            throw new MessageSerializationException(type.getName(), "cannot decode: the bytes end at offset "
                    + buffer.position() + ", inside component '" + in.path + "'; the message is truncated", e);
        }
        source.position(source.position() + buffer.position());
        return type.cast(message);
    }

    /**
     * A deep copy of {@code message} through the binary form: it shares no mutable state (arrays)
     * with the original.
     *
     * @throws MessageValidationException as {@link #encode(Record)}
     */
    public T copy(T message) {
        return decode(encode(message));
    }

    @Override
    public String toString() {
        return "MessageCodec[" + type.getName() + (fixedSize ? ", " + size + " bytes]" : ", packed]");
    }

    private void checkMessage(Object message) {
        if (message == null) {
            throw new MessageValidationException(type.getName(), "(message)",
                    "the message is null; pass a " + type.getSimpleName());
        }
        if (message.getClass() != type) {
            throw new MessageValidationException(type.getName(), "(message)", "a " + message.getClass().getName()
                    + " was given to the codec of " + type.getName() + "; use a codec for that type");
        }
    }

    MessageValidationException invalid(String path, String reason) {
        return new MessageValidationException(type.getName(), path, reason);
    }

    MessageSerializationException undecodable(String path, String reason) {
        return new MessageSerializationException(type.getName(), "cannot decode component '" + path + "': " + reason
                + "; the bytes were not encoded by this codec");
    }

    // ------------------------------------------------------------------ building

    private static final class Builder {
        private final MethodHandles.Lookup lookup;
        private final Class<?> top;

        Builder(MethodHandles.Lookup lookup, Class<?> top) {
            this.lookup = lookup;
            this.top = top;
        }

        RecordNode record(Class<?> recordType, String path, Set<Class<?>> enclosing) {
            if (!enclosing.add(recordType)) {
                throw unsupported("component '" + path + "' of type " + recordType.getName()
                        + " makes the record recursive, which no fixed or packed layout can hold");
            }
            RecordComponent[] components = recordType.getRecordComponents();
            List<Node> children = new ArrayList<>(components.length);
            List<MethodHandle> accessors = new ArrayList<>(components.length);
            Class<?>[] parameterTypes = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                RecordComponent c = components[i];
                String childPath = path.isEmpty() ? c.getName() : path + "." + c.getName();
                parameterTypes[i] = c.getType();
                children.add(component(c, childPath, enclosing));
                try {
                    accessors.add(lookup.unreflect(c.getAccessor()).asType(MethodType.methodType(Object.class, Object.class)));
                } catch (IllegalAccessException e) {
                    throw inaccessible(recordType, e);
                }
            }
            MethodHandle constructor;
            try {
                constructor = lookup.findConstructor(recordType, MethodType.methodType(void.class, parameterTypes))
                        .asSpreader(Object[].class, parameterTypes.length)
                        .asType(MethodType.methodType(Object.class, Object[].class));
            } catch (NoSuchMethodException | IllegalAccessException e) {
                throw inaccessible(recordType, e);
            }
            enclosing.remove(recordType);
            return new RecordNode(path, recordType, children, accessors, constructor);
        }

        private Node component(RecordComponent c, String path, Set<Class<?>> enclosing) {
            Class<?> t = c.getType();
            FixedLength fixed = c.getAnnotation(FixedLength.class);
            int fixedLength = -1;
            if (fixed != null) {
                if (!t.isArray() && t != String.class) {
                    throw unsupported("component '" + path + "' of type " + t.getTypeName()
                            + " has @FixedLength, which only arrays and String can have");
                }
                if (fixed.value() <= 0) {
                    throw unsupported("component '" + path + "' has @FixedLength(" + fixed.value()
                            + "); the length must be positive");
                }
                fixedLength = fixed.value();
            }
            if (t.isPrimitive()) {
                return new PrimitiveNode(path, Primitive.of(t));
            }
            if (t.isArray() && t.getComponentType().isPrimitive()) {
                return new ArrayNode(path, Primitive.of(t.getComponentType()), fixedLength);
            }
            if (t == String.class) {
                return new StringNode(path, fixedLength);
            }
            if (t.isEnum()) {
                return new EnumNode(path, t);
            }
            if (t.isRecord()) {
                return record(t, path, enclosing);
            }
            String hint = t.isArray() ? "only arrays of primitives can be encoded"
                    : unboxed(t) != null ? "use " + unboxed(t) + " instead (a codec component cannot be null)"
                    : "use primitives, primitive arrays, String, enums or records of these";
            throw unsupported("component '" + path + "' has type " + c.getGenericType().getTypeName()
                    + ", which the codec cannot encode; " + hint);
        }

        private static String unboxed(Class<?> t) {
            for (Primitive p : Primitive.values()) {
                if (p.boxed == t) {
                    return p.type.getName();
                }
            }
            return null;
        }

        private MessageSerializationException unsupported(String reason) {
            return new MessageSerializationException(top.getName(), reason);
        }

        private MessageSerializationException inaccessible(Class<?> recordType, Exception e) {
            return new MessageSerializationException(top.getName(), "the record " + recordType.getName()
                    + " is not accessible to the codec (" + e.getMessage() + "); make it public in an exported"
                    + " package, or create the codec with MessageCodec.of(MethodHandles.lookup(), "
                    + top.getSimpleName() + ".class) from its own module", e);
        }
    }

    // ------------------------------------------------------------------ nodes

    /** One component of the layout. */
    private abstract static sealed class Node permits PrimitiveNode, ArrayNode, EnumNode, RecordNode {
        final String path;

        Node(String path) {
            this.path = path;
        }

        /** Alignment in the C layout. */
        abstract int align();

        /** Whether the encoded size does not depend on the value. */
        abstract boolean fixed();

        /** Checks a non-null value; throws {@link MessageValidationException}. */
        abstract void validate(Object value, MessageCodec<?> codec);

        /** The packed size of a valid value. */
        abstract long measure(Object value, MessageCodec<?> codec);

        abstract void write(Object value, Out out, MessageCodec<?> codec);

        abstract Object read(In in);

        /** Appends this node's layout line(s) starting at {@code offset}; returns the end offset. */
        abstract int layOut(int offset, boolean aligned, StringBuilder out, String indent);

        static int alignUp(int offset, int align) {
            return (offset + align - 1) / align * align;
        }
    }

    private enum Primitive {
        BOOLEAN(boolean.class, Boolean.class, 1, "uint8_t (0 or 1)"),
        BYTE(byte.class, Byte.class, 1, "int8_t"),
        SHORT(short.class, Short.class, 2, "int16_t"),
        CHAR(char.class, Character.class, 2, "uint16_t (UTF-16)"),
        INT(int.class, Integer.class, 4, "int32_t"),
        LONG(long.class, Long.class, 8, "int64_t"),
        FLOAT(float.class, Float.class, 4, "float"),
        DOUBLE(double.class, Double.class, 8, "double");

        final Class<?> type;
        final Class<?> boxed;
        final int size;
        final String cType;

        Primitive(Class<?> type, Class<?> boxed, int size, String cType) {
            this.type = type;
            this.boxed = boxed;
            this.size = size;
            this.cType = cType;
        }

        static Primitive of(Class<?> t) {
            for (Primitive p : values()) {
                if (p.type == t) {
                    return p;
                }
            }
            throw new IllegalArgumentException(t + " is not a primitive type");
        }

        void put(ByteBuffer b, Object v) {
            switch (this) {
                case BOOLEAN -> b.put((byte) (((Boolean) v) ? 1 : 0));
                case BYTE -> b.put((Byte) v);
                case SHORT -> b.putShort((Short) v);
                case CHAR -> b.putChar((Character) v);
                case INT -> b.putInt((Integer) v);
                case LONG -> b.putLong((Long) v);
                case FLOAT -> b.putFloat((Float) v);
                case DOUBLE -> b.putDouble((Double) v);
            }
        }

        Object get(In in, String path) {
            ByteBuffer b = in.buffer;
            return switch (this) {
                case BOOLEAN -> {
                    byte x = b.get();
                    if (x != 0 && x != 1) {
                        throw in.codec.undecodable(path, "a boolean must be 0 or 1, found " + x);
                    }
                    yield x == 1;
                }
                case BYTE -> b.get();
                case SHORT -> b.getShort();
                case CHAR -> b.getChar();
                case INT -> b.getInt();
                case LONG -> b.getLong();
                case FLOAT -> b.getFloat();
                case DOUBLE -> b.getDouble();
            };
        }

        void putArray(ByteBuffer b, Object array, int n) {
            switch (this) {
                case BOOLEAN -> {
                    boolean[] a = (boolean[]) array;
                    for (int i = 0; i < n; i++) {
                        b.put((byte) (a[i] ? 1 : 0));
                    }
                }
                case BYTE -> b.put((byte[]) array, 0, n);
                case SHORT -> b.asShortBuffer().put((short[]) array, 0, n);
                case CHAR -> b.asCharBuffer().put((char[]) array, 0, n);
                case INT -> b.asIntBuffer().put((int[]) array, 0, n);
                case LONG -> b.asLongBuffer().put((long[]) array, 0, n);
                case FLOAT -> b.asFloatBuffer().put((float[]) array, 0, n);
                case DOUBLE -> b.asDoubleBuffer().put((double[]) array, 0, n);
            }
            if (this != BOOLEAN && this != BYTE) {
                b.position(b.position() + n * size);
            }
        }

        Object getArray(In in, int n, String path) {
            ByteBuffer b = in.buffer;
            if ((long) n * size > b.remaining()) {
                throw new BufferUnderflowException();
            }
            Object array = Array.newInstance(type, n);
            switch (this) {
                case BOOLEAN -> {
                    boolean[] a = (boolean[]) array;
                    for (int i = 0; i < n; i++) {
                        byte x = b.get();
                        if (x != 0 && x != 1) {
                            throw in.codec.undecodable(path + "[" + i + "]", "a boolean must be 0 or 1, found " + x);
                        }
                        a[i] = x == 1;
                    }
                }
                case BYTE -> b.get((byte[]) array);
                case SHORT -> b.asShortBuffer().get((short[]) array);
                case CHAR -> b.asCharBuffer().get((char[]) array);
                case INT -> b.asIntBuffer().get((int[]) array);
                case LONG -> b.asLongBuffer().get((long[]) array);
                case FLOAT -> b.asFloatBuffer().get((float[]) array);
                case DOUBLE -> b.asDoubleBuffer().get((double[]) array);
            }
            if (this != BOOLEAN && this != BYTE) {
                b.position(b.position() + n * size);
            }
            return array;
        }
    }

    private static final class PrimitiveNode extends Node {
        private final Primitive kind;

        PrimitiveNode(String path, Primitive kind) {
            super(path);
            this.kind = kind;
        }

        @Override
        int align() {
            return kind.size;
        }

        @Override
        boolean fixed() {
            return true;
        }

        @Override
        void validate(Object value, MessageCodec<?> codec) {
        }

        @Override
        long measure(Object value, MessageCodec<?> codec) {
            return kind.size;
        }

        @Override
        void write(Object value, Out out, MessageCodec<?> codec) {
            out.align(kind.size);
            kind.put(out.buffer, value);
        }

        @Override
        Object read(In in) {
            in.align(kind.size);
            in.path = path;
            return kind.get(in, path);
        }

        @Override
        int layOut(int offset, boolean aligned, StringBuilder out, String indent) {
            int at = aligned ? alignUp(offset, kind.size) : offset;
            line(out, indent, at, kind.cType + " " + path, aligned);
            return at + kind.size;
        }
    }

    /** A primitive array, or a string as UTF-8 bytes: an int count then the elements. */
    private static sealed class ArrayNode extends Node permits StringNode {
        final Primitive element;
        final int fixedLength;

        ArrayNode(String path, Primitive element, int fixedLength) {
            super(path);
            this.element = element;
            this.fixedLength = fixedLength;
        }

        @Override
        int align() {
            return Math.max(Integer.BYTES, element.size);
        }

        @Override
        boolean fixed() {
            return fixedLength >= 0;
        }

        int length(Object value) {
            return Array.getLength(value);
        }

        @Override
        void validate(Object value, MessageCodec<?> codec) {
            int n = length(value);
            if (fixedLength >= 0 && n > fixedLength) {
                throw codec.invalid(path, tooLong(n));
            }
        }

        String tooLong(int n) {
            return "array of length " + n + " exceeds its @FixedLength(" + fixedLength + ")";
        }

        @Override
        long measure(Object value, MessageCodec<?> codec) {
            validate(value, codec);
            return Integer.BYTES + (long) element.size * (fixedLength >= 0 ? fixedLength : length(value));
        }

        @Override
        void write(Object value, Out out, MessageCodec<?> codec) {
            int n = Array.getLength(value);
            if (fixedLength >= 0 && n > fixedLength) {
                throw codec.invalid(path, tooLong(n));
            }
            out.align(Integer.BYTES);
            out.buffer.putInt(n);
            out.align(element.size);
            element.putArray(out.buffer, value, n);
            if (fixedLength > n) {
                out.zeros((fixedLength - n) * element.size);
            }
        }

        @Override
        Object read(In in) {
            in.align(Integer.BYTES);
            in.path = path;
            int n = in.buffer.getInt();
            if (n < 0 || (fixedLength >= 0 && n > fixedLength)) {
                throw in.codec.undecodable(path, "element count " + n + " is "
                        + (n < 0 ? "negative" : "over the @FixedLength(" + fixedLength + ")"));
            }
            in.align(element.size);
            Object array = element.getArray(in, n, path);
            if (fixedLength > n) {
                in.skip((fixedLength - n) * element.size);
            }
            return array;
        }

        @Override
        int layOut(int offset, boolean aligned, StringBuilder out, String indent) {
            int at = aligned ? alignUp(offset, Integer.BYTES) : offset;
            line(out, indent, at, "int32_t " + path + "_length", aligned);
            at += Integer.BYTES;
            at = aligned ? alignUp(at, element.size) : at;
            line(out, indent, at, element.cType + " " + path + "[" + (fixedLength >= 0 ? fixedLength : "length")
                    + "]", aligned);
            return fixedLength >= 0 ? at + fixedLength * element.size : at;
        }
    }

    private static final class StringNode extends ArrayNode {
        StringNode(String path, int fixedLength) {
            super(path, Primitive.BYTE, fixedLength);
        }

        @Override
        int length(Object value) {
            return utf8((String) value).length;
        }

        @Override
        String tooLong(int n) {
            return "string of " + n + " UTF-8 bytes exceeds its @FixedLength(" + fixedLength + ")";
        }

        @Override
        void write(Object value, Out out, MessageCodec<?> codec) {
            super.write(utf8((String) value), out, codec);
        }

        @Override
        Object read(In in) {
            byte[] bytes = (byte[]) super.read(in);
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                throw in.codec.undecodable(path, "the bytes are not valid UTF-8 (" + e + ")");
            }
        }

        private static byte[] utf8(String s) {
            try {
                ByteBuffer b = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE).encode(CharBuffer.wrap(s));
                byte[] bytes = new byte[b.remaining()];
                b.get(bytes);
                return bytes;
            } catch (CharacterCodingException e) {
                throw new IllegalStateException("UTF-8 encoding with REPLACE cannot fail", e);
            }
        }

        @Override
        int layOut(int offset, boolean aligned, StringBuilder out, String indent) {
            int at = aligned ? alignUp(offset, Integer.BYTES) : offset;
            line(out, indent, at, "int32_t " + path + "_length (UTF-8 bytes)", aligned);
            at += Integer.BYTES;
            line(out, indent, at, "uint8_t " + path + "[" + (fixedLength >= 0 ? fixedLength : "length") + "] (UTF-8)",
                    aligned);
            return fixedLength >= 0 ? at + fixedLength : at;
        }
    }

    private static final class EnumNode extends Node {
        private final Object[] constants;
        private final Class<?> enumType;

        EnumNode(String path, Class<?> enumType) {
            super(path);
            this.enumType = enumType;
            this.constants = enumType.getEnumConstants();
        }

        @Override
        int align() {
            return Integer.BYTES;
        }

        @Override
        boolean fixed() {
            return true;
        }

        @Override
        void validate(Object value, MessageCodec<?> codec) {
        }

        @Override
        long measure(Object value, MessageCodec<?> codec) {
            return Integer.BYTES;
        }

        @Override
        void write(Object value, Out out, MessageCodec<?> codec) {
            out.align(Integer.BYTES);
            out.buffer.putInt(((Enum<?>) value).ordinal());
        }

        @Override
        Object read(In in) {
            in.align(Integer.BYTES);
            in.path = path;
            int ordinal = in.buffer.getInt();
            if (ordinal < 0 || ordinal >= constants.length) {
                throw in.codec.undecodable(path, "ordinal " + ordinal + " is not a constant of "
                        + enumType.getName() + ", which has " + constants.length);
            }
            return constants[ordinal];
        }

        @Override
        int layOut(int offset, boolean aligned, StringBuilder out, String indent) {
            int at = aligned ? alignUp(offset, Integer.BYTES) : offset;
            line(out, indent, at, "int32_t " + path + " (ordinal of " + enumType.getSimpleName() + ")", aligned);
            return at + Integer.BYTES;
        }
    }

    private static final class RecordNode extends Node {
        private final Class<?> recordType;
        private final List<Node> children;
        private final List<MethodHandle> accessors;
        private final MethodHandle constructor;
        private final int align;
        private final boolean fixed;

        RecordNode(String path, Class<?> recordType, List<Node> children, List<MethodHandle> accessors,
                MethodHandle constructor) {
            super(path);
            this.recordType = recordType;
            this.children = List.copyOf(children);
            this.accessors = List.copyOf(accessors);
            this.constructor = constructor;
            this.align = children.stream().mapToInt(Node::align).max().orElse(1);
            this.fixed = children.stream().allMatch(Node::fixed);
        }

        @Override
        int align() {
            return align;
        }

        @Override
        boolean fixed() {
            return fixed;
        }

        private Object component(Object record, int i, MessageCodec<?> codec) {
            Object value;
            try {
                value = accessors.get(i).invokeExact(record);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException("accessor of " + children.get(i).path + " threw " + e, e);
            }
            if (value == null) {
                throw codec.invalid(children.get(i).path, "is null; the codec encodes every component, so give it a value");
            }
            return value;
        }

        @Override
        void validate(Object value, MessageCodec<?> codec) {
            for (int i = 0; i < children.size(); i++) {
                children.get(i).validate(component(value, i, codec), codec);
            }
        }

        @Override
        long measure(Object value, MessageCodec<?> codec) {
            long n = 0;
            for (int i = 0; i < children.size(); i++) {
                n += children.get(i).measure(component(value, i, codec), codec);
            }
            return n;
        }

        @Override
        void write(Object value, Out out, MessageCodec<?> codec) {
            out.align(align);
            for (int i = 0; i < children.size(); i++) {
                children.get(i).write(component(value, i, codec), out, codec);
            }
            out.align(align);
        }

        @Override
        Object read(In in) {
            in.align(align);
            Object[] values = new Object[children.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = children.get(i).read(in);
            }
            in.align(align);
            try {
                return constructor.invokeExact(values);
            } catch (RuntimeException e) {
                throw new MessageSerializationException(in.codec.type.getName(), "the canonical constructor of "
                        + recordType.getName() + " rejected the decoded values: " + e.getMessage(), e);
            } catch (Error e) {
                throw e;
            } catch (Throwable e) {
                throw new MessageSerializationException(in.codec.type.getName(), "the canonical constructor of "
                        + recordType.getName() + " threw " + e, e);
            }
        }

        @Override
        int layOut(int offset, boolean aligned, StringBuilder out, String indent) {
            int at = aligned ? alignUp(offset, align) : offset;
            boolean root = path.isEmpty();
            if (!root) {
                line(out, indent, at, "struct " + recordType.getSimpleName() + " " + path, aligned);
            }
            String inner = root ? indent : indent + "  ";
            for (Node child : children) {
                at = child.layOut(at, aligned, out, inner);
            }
            return aligned ? alignUp(at, align) : at;
        }
    }

    private static void line(StringBuilder out, String indent, int offset, String what, boolean aligned) {
        out.append(indent);
        if (aligned) {
            out.append('@').append(offset).append(' ');
        }
        out.append(what).append('\n');
    }

    /** The writer: a little-endian buffer that pads to alignments in the C layout. */
    private static final class Out {
        final ByteBuffer buffer;
        final boolean aligned;

        Out(ByteBuffer buffer, boolean aligned) {
            this.buffer = buffer;
            this.aligned = aligned;
        }

        void align(int align) {
            if (aligned) {
                zeros(Node.alignUp(buffer.position(), align) - buffer.position());
            }
        }

        void zeros(int n) {
            for (int i = 0; i < n; i++) {
                buffer.put((byte) 0);
            }
        }
    }

    /** The reader, tracking the component being read for error messages. */
    private static final class In {
        final ByteBuffer buffer;
        final boolean aligned;
        final MessageCodec<?> codec;
        String path = "";

        In(ByteBuffer buffer, boolean aligned, MessageCodec<?> codec) {
            this.buffer = buffer;
            this.aligned = aligned;
            this.codec = codec;
        }

        void align(int align) {
            if (aligned) {
                skip(Node.alignUp(buffer.position(), align) - buffer.position());
            }
        }

        void skip(int n) {
            if (n > buffer.remaining()) {
                throw new BufferUnderflowException();
            }
            buffer.position(buffer.position() + n);
        }
    }
}
