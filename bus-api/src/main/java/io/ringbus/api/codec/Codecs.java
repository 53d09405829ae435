package io.ringbus.api.codec;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * The built-in codecs: boxed primitives, {@code String} (UTF-8), {@code byte[]}, and Java records whose
 * components are primitives, boxed primitives, {@code String}, {@code byte[]} or such records.
 * <pre>{@code
 * record Price(String symbol, double bid, double ask, long nanos) {}
 *
 * Codec<Price> prices = Codecs.of(Price.class);   // derived once, here
 * Codec<String> text = Codecs.of(String.class);
 * }</pre>
 * <b>Wire format</b> (little-endian): a boxed primitive is its primitive's bytes; a top-level {@code String} or
 * {@code byte[]} is its bytes and takes the whole frame. Inside a record, components follow in declaration
 * order: a primitive as its bytes; a boxed primitive as a presence byte (0 null, 1 present) then the bytes; a
 * {@code String} (UTF-8), {@code byte[]} or nested record as an {@code int32} length ({@code -1} for
 * {@code null}) then that many bytes. Every length read from a buffer is checked against the bytes that remain
 * before anything is allocated.
 * <p>
 * A record codec is derived once, when {@link #of(Class)} is called: its accessors and canonical constructor
 * become {@link MethodHandle}s; nothing is looked up per value. Encoding a record reads primitive components
 * without boxing.
 * <p>
 * <b>Note:</b> thread-safe; every codec returned is stateless.
 */
public final class Codecs
{
    /**
     * The most bytes a built-in {@code String} or {@code byte[]} codec writes, and so the longest value it accepts:
     * larger values are refused at encode time rather than sent.
     */
    public static final int MAX_VARIABLE_LENGTH = 16 * 1024 * 1024;

    private static final Map<Class<?>, Codec<?>> SIMPLE = Map.ofEntries(
        Map.entry(Boolean.class, new Fixed<>(Boolean.class, 1)
        {
            @Override
            void write(final Boolean v, final ByteBuffer b, final int o)
            {
                b.put(o, (byte)(v ? 1 : 0));
            }

            @Override
            Boolean read(final ByteBuffer b, final int o)
            {
                return readBoolean(b, o);
            }
        }),
        Map.entry(Byte.class, new Fixed<>(Byte.class, 1)
        {
            @Override
            void write(final Byte v, final ByteBuffer b, final int o)
            {
                b.put(o, v);
            }

            @Override
            Byte read(final ByteBuffer b, final int o)
            {
                return b.get(o);
            }
        }),
        Map.entry(Short.class, new Fixed<>(Short.class, 2)
        {
            @Override
            void write(final Short v, final ByteBuffer b, final int o)
            {
                b.putShort(o, v);
            }

            @Override
            Short read(final ByteBuffer b, final int o)
            {
                return b.getShort(o);
            }
        }),
        Map.entry(Character.class, new Fixed<>(Character.class, 2)
        {
            @Override
            void write(final Character v, final ByteBuffer b, final int o)
            {
                b.putChar(o, v);
            }

            @Override
            Character read(final ByteBuffer b, final int o)
            {
                return b.getChar(o);
            }
        }),
        Map.entry(Integer.class, new Fixed<>(Integer.class, 4)
        {
            @Override
            void write(final Integer v, final ByteBuffer b, final int o)
            {
                b.putInt(o, v);
            }

            @Override
            Integer read(final ByteBuffer b, final int o)
            {
                return b.getInt(o);
            }
        }),
        Map.entry(Long.class, new Fixed<>(Long.class, 8)
        {
            @Override
            void write(final Long v, final ByteBuffer b, final int o)
            {
                b.putLong(o, v);
            }

            @Override
            Long read(final ByteBuffer b, final int o)
            {
                return b.getLong(o);
            }
        }),
        Map.entry(Float.class, new Fixed<>(Float.class, 4)
        {
            @Override
            void write(final Float v, final ByteBuffer b, final int o)
            {
                b.putFloat(o, v);
            }

            @Override
            Float read(final ByteBuffer b, final int o)
            {
                return b.getFloat(o);
            }
        }),
        Map.entry(Double.class, new Fixed<>(Double.class, 8)
        {
            @Override
            void write(final Double v, final ByteBuffer b, final int o)
            {
                b.putDouble(o, v);
            }

            @Override
            Double read(final ByteBuffer b, final int o)
            {
                return b.getDouble(o);
            }
        }),
        Map.entry(String.class, new StringCodec()),
        Map.entry(byte[].class, new BytesCodec()));

    private Codecs()
    {
    }

    /**
     * The built-in codec of a type, deriving it now for a record.
     *
     * @param type a boxed primitive (a primitive class is taken as its box), {@code String}, {@code byte[]} or a
     *             record of supported components.
     * @param <E>  the type.
     * @return its codec.
     * @throws IllegalArgumentException if the type, or a component of the record, has no built-in codec; the
     *                                  message names the component.
     */
    @SuppressWarnings("unchecked")
    public static <E> Codec<E> of(final Class<E> type)
    {
        Objects.requireNonNull(type, "type");
        final Codec<?> simple = SIMPLE.get(box(type));
        if (simple != null)
        {
            return (Codec<E>)simple;
        }
        if (type.isRecord())
        {
            return (Codec<E>)new RecordCodec<>((Class<? extends Record>)type);
        }
        throw new IllegalArgumentException("no built-in codec for " + type.getName() +
            ": built-ins cover boxed primitives, String, byte[] and records of those; register a Codec for it");
    }

    /**
     * Whether {@link #of(Class)} has a codec for a type, without deriving one.
     *
     * @param type the type.
     * @return {@code true} if it is a boxed primitive, {@code String}, {@code byte[]} or a record (whose components
     *         are checked only by {@link #of(Class)}).
     */
    public static boolean hasBuiltIn(final Class<?> type)
    {
        return SIMPLE.containsKey(box(Objects.requireNonNull(type, "type"))) || type.isRecord();
    }

    private static Class<?> box(final Class<?> type)
    {
        if (!type.isPrimitive())
        {
            return type;
        }
        return MethodType.methodType(type).wrap().returnType();
    }

    static Boolean readBoolean(final ByteBuffer b, final int o)
    {
        final byte v = b.get(o);
        if (v != 0 && v != 1)
        {
            throw new CodecException("a boolean is 0 or 1, got " + v);
        }
        return v == 1;
    }

    static String utf8(final ByteBuffer b, final int offset, final int length)
    {
        // A strict decoder: malformed UTF-8 from another process is an error, not silently replaced characters.
        final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
        try
        {
            return decoder.decode(b.duplicate().order(b.order()).limit(offset + length).position(offset)).toString();
        }
        catch (final CharacterCodingException ex)
        {
            throw new CodecException("malformed UTF-8 in a String of " + length + " bytes: " + ex);
        }
    }

    static void checkVariableLength(final String what, final int length)
    {
        if (length > MAX_VARIABLE_LENGTH)
        {
            throw new IllegalArgumentException(
                what + " of " + length + " bytes is longer than the " + MAX_VARIABLE_LENGTH + " bytes a codec writes");
        }
    }

    /**
     * A value of a fixed number of bytes.
     */
    private abstract static class Fixed<E> implements Codec<E>
    {
        private final Class<E> type;
        private final int length;

        Fixed(final Class<E> type, final int length)
        {
            this.type = type;
            this.length = length;
        }

        abstract void write(E value, ByteBuffer buffer, int offset);

        abstract E read(ByteBuffer buffer, int offset);

        @Override
        public Class<E> type()
        {
            return type;
        }

        @Override
        public int maxEncodedLength(final E value)
        {
            return length;
        }

        @Override
        public int encode(final E value, final ByteBuffer buffer, final int offset)
        {
            write(value, buffer, offset);
            return length;
        }

        @Override
        public E decode(final ByteBuffer buffer, final int offset, final int length)
        {
            CodecException.requireLength(type, length, this.length);
            return read(buffer, offset);
        }

        @Override
        public String toString()
        {
            return "Codec[" + type.getSimpleName() + "]";
        }
    }

    private static final class StringCodec implements Codec<String>
    {
        @Override
        public Class<String> type()
        {
            return String.class;
        }

        @Override
        public int maxEncodedLength(final String value)
        {
            return value.length() * 3;
        }

        @Override
        public int encode(final String value, final ByteBuffer buffer, final int offset)
        {
            final byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            checkVariableLength("a String", bytes.length);
            buffer.put(offset, bytes);
            return bytes.length;
        }

        @Override
        public String decode(final ByteBuffer buffer, final int offset, final int length)
        {
            return utf8(buffer, offset, length);
        }

        @Override
        public String toString()
        {
            return "Codec[String]";
        }
    }

    private static final class BytesCodec implements Codec<byte[]>
    {
        @Override
        public Class<byte[]> type()
        {
            return byte[].class;
        }

        @Override
        public int maxEncodedLength(final byte[] value)
        {
            return value.length;
        }

        @Override
        public int encode(final byte[] value, final ByteBuffer buffer, final int offset)
        {
            checkVariableLength("a byte[]", value.length);
            buffer.put(offset, value);
            return value.length;
        }

        @Override
        public byte[] decode(final ByteBuffer buffer, final int offset, final int length)
        {
            // length is the frame's own payload length, already bounded by the transport's frame limit.
            final byte[] bytes = new byte[length];
            buffer.get(offset, bytes);
            return bytes;
        }

        @Override
        public String toString()
        {
            return "Codec[byte[]]";
        }
    }

    /**
     * One record component: how to bound, write and read it. Reads return the offset after the component and
     * store the value in {@code values[index]}.
     */
    private abstract static class Field
    {
        final String name;
        final MethodHandle getter;

        Field(final String name, final MethodHandle getter)
        {
            this.name = name;
            this.getter = getter;
        }

        abstract int maxLength(Object record) throws Throwable;

        abstract int write(Object record, ByteBuffer b, int o) throws Throwable;

        abstract int read(ByteBuffer b, int o, int end, Object[] values, int index);

        final void need(final int o, final int bytes, final int end)
        {
            if (bytes < 0 || end - o < bytes)
            {
                throw new CodecException("component '" + name + "' needs " + bytes + " bytes at offset " + o +
                    ", only " + (end - o) + " remain");
            }
        }
    }

    private static int plus(final int base, final int delta)
    {
        return base + delta;
    }

    private static int primitiveLength(final Class<?> type)
    {
        return type == long.class || type == double.class ? 8 : type == int.class || type == float.class ? 4 :
            type == short.class || type == char.class ? 2 : 1;
    }

    /**
     * A {@code (ByteBuffer, int offset)} handle reading a primitive component at {@code offset + at}, or
     * {@code null} for a component that is not primitive.
     */
    private static MethodHandle primitiveReader(final MethodHandles.Lookup lookup, final Class<?> type, final int at)
        throws ReflectiveOperationException
    {
        final MethodHandle read;
        if (type == boolean.class)
        {
            read = lookup.findStatic(Codecs.class, "readBoolean",
                MethodType.methodType(Boolean.class, ByteBuffer.class, int.class))
                .asType(MethodType.methodType(boolean.class, ByteBuffer.class, int.class));
        }
        else if (type.isPrimitive())
        {
            final String name = type == byte.class ? "get" :
                "get" + Character.toUpperCase(type.getName().charAt(0)) + type.getName().substring(1);
            read = lookup.findVirtual(ByteBuffer.class, name, MethodType.methodType(type, int.class));
        }
        else
        {
            return null;
        }
        if (at == 0)
        {
            return read;
        }
        final MethodHandle shift = MethodHandles.insertArguments(
            lookup.findStatic(Codecs.class, "plus", MethodType.methodType(int.class, int.class, int.class)), 1, at);
        return MethodHandles.filterArguments(read, 1, shift);
    }

    private static final class RecordCodec<R extends Record> implements Codec<R>
    {
        private final Class<R> type;
        private final Field[] fields;
        private final MethodHandle constructor;
        // (ByteBuffer, int offset)Object: set when every component is primitive, so that decoding reads each at
        // its fixed offset straight into the constructor, with no argument array and no boxing
        private final MethodHandle fixedDecoder;
        private final int fixedLength;

        RecordCodec(final Class<R> type)
        {
            this.type = type;
            final RecordComponent[] components = type.getRecordComponents();
            final Class<?>[] types = new Class<?>[components.length];
            this.fields = new Field[components.length];
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            try
            {
                for (int i = 0; i < components.length; i++)
                {
                    types[i] = components[i].getType();
                    final Method accessor = components[i].getAccessor();
                    accessor.setAccessible(true);
                    fields[i] = field(type, components[i].getName(), types[i], lookup.unreflect(accessor));
                }
                final Constructor<R> canonical = type.getDeclaredConstructor(types);
                canonical.setAccessible(true);
                final MethodHandle canonicalHandle = lookup.unreflectConstructor(canonical);
                this.constructor = canonicalHandle
                    .asSpreader(Object[].class, components.length)
                    .asType(MethodType.methodType(Object.class, Object[].class));
                int length = 0;
                MethodHandle fixed = canonicalHandle;
                for (int i = 0; i < types.length && fixed != null; i++)
                {
                    final MethodHandle reader = primitiveReader(lookup, types[i], length);
                    if (reader == null)
                    {
                        fixed = null;
                    }
                    else
                    {
                        // component i becomes a (ByteBuffer, int) pair at position 2i
                        fixed = MethodHandles.collectArguments(fixed, 2 * i, reader);
                        length += primitiveLength(types[i]);
                    }
                }
                if (fixed != null && types.length > 0)
                {
                    final int[] reorder = new int[2 * types.length];
                    for (int i = 0; i < types.length; i++)
                    {
                        reorder[2 * i + 1] = 1;
                    }
                    fixed = MethodHandles.permuteArguments(fixed,
                        MethodType.methodType(type, ByteBuffer.class, int.class), reorder)
                        .asType(MethodType.methodType(Object.class, ByteBuffer.class, int.class));
                }
                this.fixedDecoder = types.length > 0 ? fixed : null;
                this.fixedLength = length;
            }
            catch (final ReflectiveOperationException | RuntimeException ex)
            {
                if (ex instanceof IllegalArgumentException iae)
                {
                    throw iae;
                }
                throw new IllegalArgumentException("cannot derive a codec for record " + type.getName() + ": " + ex, ex);
            }
        }

        @Override
        public Class<R> type()
        {
            return type;
        }

        @Override
        public int maxEncodedLength(final R value)
        {
            int total = 0;
            try
            {
                for (final Field f : fields)
                {
                    total += f.maxLength(value);
                }
            }
            catch (final RuntimeException | Error ex)
            {
                throw ex;
            }
            catch (final Throwable ex)
            {
                throw new IllegalStateException(ex);
            }
            return total;
        }

        @Override
        public int encode(final R value, final ByteBuffer buffer, final int offset)
        {
            int o = offset;
            try
            {
                for (final Field f : fields)
                {
                    o = f.write(value, buffer, o);
                }
            }
            catch (final RuntimeException | Error ex)
            {
                throw ex;
            }
            catch (final Throwable ex)
            {
                throw new IllegalStateException(ex);
            }
            return o - offset;
        }

        @Override
        @SuppressWarnings("unchecked")
        public R decode(final ByteBuffer buffer, final int offset, final int length)
        {
            if (length < 0 || offset < 0 || length > buffer.limit() - offset)
            {
                throw new CodecException(type.getName() + ": " + length + " bytes at " + offset +
                    " are outside the buffer's " + buffer.limit());
            }
            if (fixedDecoder != null)
            {
                CodecException.requireLength(type, length, fixedLength);
                try
                {
                    final Object built = fixedDecoder.invokeExact(buffer, offset);
                    return (R)built;
                }
                catch (final RuntimeException ex)
                {
                    throw new CodecException(type.getName() + " refused the decoded values: " + ex);
                }
                catch (final Throwable ex)
                {
                    throw new CodecException(type.getName() + " could not be built: " + ex);
                }
            }
            final int end = offset + length;
            final Object[] values = new Object[fields.length];
            int o = offset;
            for (int i = 0; i < fields.length; i++)
            {
                o = fields[i].read(buffer, o, end, values, i);
            }
            if (o != end)
            {
                throw new CodecException(type.getName() + " ended after " + (o - offset) + " of " + length + " bytes");
            }
            try
            {
                final Object built = constructor.invokeExact(values);
                return (R)built;
            }
            catch (final RuntimeException ex)
            {
                // The record's own constructor refused the values (its validation): still malformed input.
                throw new CodecException(type.getName() + " refused the decoded values: " + ex);
            }
            catch (final Throwable ex)
            {
                throw new CodecException(type.getName() + " could not be built: " + ex);
            }
        }

        @Override
        public String toString()
        {
            return "Codec[" + type.getSimpleName() + "]";
        }
    }

    private static MethodHandle typed(final MethodHandle getter, final Class<?> returnType)
    {
        return getter.asType(MethodType.methodType(returnType, Object.class));
    }

    private static Field field(
        final Class<?> owner, final String name, final Class<?> type, final MethodHandle rawGetter)
    {
        if (type == long.class)
        {
            final MethodHandle g = typed(rawGetter, long.class);
            return new Field(name, g)
            {
                int maxLength(final Object r)
                {
                    return 8;
                }

                int write(final Object r, final ByteBuffer b, final int o) throws Throwable
                {
                    b.putLong(o, (long)getter.invokeExact(r));
                    return o + 8;
                }

                int read(final ByteBuffer b, final int o, final int end, final Object[] v, final int i)
                {
                    need(o, 8, end);
                    v[i] = b.getLong(o);
                    return o + 8;
                }
            };
        }
        if (type == int.class)
        {
            final MethodHandle g = typed(rawGetter, int.class);
            return new Field(name, g)
            {
                int maxLength(final Object r)
                {
                    return 4;
                }

                int write(final Object r, final ByteBuffer b, final int o) throws Throwable
                {
                    b.putInt(o, (int)getter.invokeExact(r));
                    return o + 4;
                }

                int read(final ByteBuffer b, final int o, final int end, final Object[] v, final int i)
                {
                    need(o, 4, end);
                    v[i] = b.getInt(o);
                    return o + 4;
                }
            };
        }
        if (type == double.class)
        {
            final MethodHandle g = typed(rawGetter, double.class);
            return new Field(name, g)
            {
                int maxLength(final Object r)
                {
                    return 8;
                }

                int write(final Object r, final ByteBuffer b, final int o) throws Throwable
                {
                    b.putDouble(o, (double)getter.invokeExact(r));
                    return o + 8;
                }

                int read(final ByteBuffer b, final int o, final int end, final Object[] v, final int i)
                {
                    need(o, 8, end);
                    v[i] = b.getDouble(o);
                    return o + 8;
                }
            };
        }
        if (type == float.class)
        {
            final MethodHandle g = typed(rawGetter, float.class);
            return new Field(name, g)
            {
                int maxLength(final Object r)
                {
                    return 4;
                }

                int write(final Object r, final ByteBuffer b, final int o) throws Throwable
                {
                    b.putFloat(o, (float)getter.invokeExact(r));
                    return o + 4;
                }

                int read(final ByteBuffer b, final int o, final int end, final Object[] v, final int i)
                {
                    need(o, 4, end);
                    v[i] = b.getFloat(o);
                    return o + 4;
                }
            };
        }
        if (type == short.class || type == char.class)
        {
            final boolean isChar = type == char.class;
            final MethodHandle g = typed(rawGetter, type);
            final MethodHandle widened = g.asType(MethodType.methodType(int.class, Object.class));
            return new Field(name, widened)
            {
                int maxLength(final Object r)
                {
                    return 2;
                }

                int write(final Object r, final ByteBuffer b, final int o) throws Throwable
                {
                    b.putShort(o, (short)(int)getter.invokeExact(r));
                    return o + 2;
                }

                int read(final ByteBuffer b, final int o, final int end, final Object[] v, final int i)
                {
                    need(o, 2, end);
                    v[i] = isChar ? (Object)b.getChar(o) : (Object)b.getShort(o);
                    return o + 2;
                }
            };
        }
        if (type == byte.class || type == boolean.class)
        {
            final boolean isBoolean = type == boolean.class;
            final MethodHandle g = isBoolean ? typed(rawGetter, boolean.class) :
                typed(rawGetter, byte.class).asType(MethodType.methodType(int.class, Object.class));
            return new Field(name, g)
            {
                int maxLength(final Object r)
                {
                    return 1;
                }

                int write(final Object r, final ByteBuffer b, final int o) throws Throwable
                {
                    final byte value = isBoolean ? (byte)((boolean)getter.invokeExact(r) ? 1 : 0) :
                        (byte)(int)getter.invokeExact(r);
                    b.put(o, value);
                    return o + 1;
                }

                int read(final ByteBuffer b, final int o, final int end, final Object[] v, final int i)
                {
                    need(o, 1, end);
                    v[i] = isBoolean ? (Object)readBoolean(b, o) : (Object)b.get(o);
                    return o + 1;
                }
            };
        }
        final MethodHandle g = typed(rawGetter, Object.class);
        final Codec<?> boxed = SIMPLE.get(type);
        if (boxed instanceof Fixed<?> fixed)
        {
            return new NullableFixed(name, g, fixed);
        }
        if (type == String.class || type == byte[].class || type.isRecord())
        {
            if (type == owner)
            {
                throw new IllegalArgumentException(
                    "record " + owner.getName() + " contains itself through component '" + name + "'");
            }
            return new Prefixed(name, g, of(type));
        }
        throw new IllegalArgumentException("record " + owner.getName() + " has component '" + name + "' of type " +
            type.getName() + ", which has no built-in codec (boxed primitives, String, byte[] and records of those)");
    }

    private static final class NullableFixed extends Field
    {
        private final Fixed<Object> codec;

        @SuppressWarnings("unchecked")
        NullableFixed(final String name, final MethodHandle getter, final Fixed<?> codec)
        {
            super(name, getter);
            this.codec = (Fixed<Object>)codec;
        }

        @Override
        int maxLength(final Object r)
        {
            return 1 + codec.length;
        }

        @Override
        int write(final Object r, final ByteBuffer b, final int o) throws Throwable
        {
            final Object value = getter.invokeExact(r);
            if (value == null)
            {
                b.put(o, (byte)0);
                return o + 1;
            }
            b.put(o, (byte)1);
            codec.write(value, b, o + 1);
            return o + 1 + codec.length;
        }

        @Override
        int read(final ByteBuffer b, final int o, final int end, final Object[] v, final int i)
        {
            need(o, 1, end);
            final byte present = b.get(o);
            if (present == 0)
            {
                v[i] = null;
                return o + 1;
            }
            if (present != 1)
            {
                throw new CodecException("component '" + name + "' has presence byte " + present + ", not 0 or 1");
            }
            need(o + 1, codec.length, end);
            v[i] = codec.read(b, o + 1);
            return o + 1 + codec.length;
        }
    }

    private static final class Prefixed extends Field
    {
        private final Codec<Object> codec;

        @SuppressWarnings("unchecked")
        Prefixed(final String name, final MethodHandle getter, final Codec<?> codec)
        {
            super(name, getter);
            this.codec = (Codec<Object>)codec;
        }

        @Override
        int maxLength(final Object r) throws Throwable
        {
            final Object value = getter.invokeExact(r);
            return 4 + (value == null ? 0 : codec.maxEncodedLength(value));
        }

        @Override
        int write(final Object r, final ByteBuffer b, final int o) throws Throwable
        {
            final Object value = getter.invokeExact(r);
            if (value == null)
            {
                b.putInt(o, -1);
                return o + 4;
            }
            final int written = codec.encode(value, b, o + 4);
            b.putInt(o, written);
            return o + 4 + written;
        }

        @Override
        int read(final ByteBuffer b, final int o, final int end, final Object[] v, final int i)
        {
            need(o, 4, end);
            final int length = b.getInt(o);
            if (length == -1)
            {
                v[i] = null;
                return o + 4;
            }
            if (length < 0)
            {
                throw new CodecException("component '" + name + "' has length " + length);
            }
            need(o + 4, length, end);
            v[i] = codec.decode(b, o + 4, length);
            return o + 4 + length;
        }
    }
}
