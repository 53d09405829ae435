package io.ringbus.api.codec;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CodecsTest
{
    record Price(String symbol, double bid, double ask, long nanos)
    {
    }

    record Everything(
        boolean flag, byte b, short s, char c, int i, long l, float f, double d,
        Boolean boxedFlag, Integer boxedInt, Long boxedLong, Double boxedDouble,
        String text, byte[] bytes, Price nested)
    {
    }

    record Positive(int value)
    {
        Positive
        {
            if (value <= 0)
            {
                throw new IllegalArgumentException("value must be positive");
            }
        }
    }

    record WithList(List<String> names)
    {
    }

    private static ByteBuffer buffer(final int capacity)
    {
        return ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static <E> E roundTrip(final Codec<E> codec, final E value, final int offset)
    {
        final ByteBuffer b = buffer(offset + codec.maxEncodedLength(value) + 8);
        final int length = codec.encode(value, b, offset);
        assertTrue(length <= codec.maxEncodedLength(value), "encoded more than the bound");
        assertEquals(0, b.position(), "codecs must not move the position");
        return codec.decode(b, offset, length);
    }

    @Test
    void boxedPrimitivesRoundTripAndPrimitiveClassesMapToTheirBox()
    {
        assertEquals(Long.MIN_VALUE, roundTrip(Codecs.of(Long.class), Long.MIN_VALUE, 3));
        assertEquals(-7, roundTrip(Codecs.of(Integer.class), -7, 1));
        assertEquals((short)-2, roundTrip(Codecs.of(Short.class), (short)-2, 0));
        assertEquals((byte)9, roundTrip(Codecs.of(Byte.class), (byte)9, 0));
        assertEquals('x', roundTrip(Codecs.of(Character.class), 'x', 0));
        assertEquals(1.5f, roundTrip(Codecs.of(Float.class), 1.5f, 0));
        assertEquals(Math.PI, roundTrip(Codecs.of(Double.class), Math.PI, 5));
        assertEquals(true, roundTrip(Codecs.of(Boolean.class), true, 0));
        assertSame(Codecs.of(Long.class), Codecs.of(long.class));
    }

    @Test
    void stringsAndBytesTakeTheWholeFrame()
    {
        assertEquals("", roundTrip(Codecs.of(String.class), "", 0));
        assertEquals("prix \u20ac \uD83D\uDE00", roundTrip(Codecs.of(String.class), "prix \u20ac \uD83D\uDE00", 2));
        assertArrayEquals(new byte[] {1, 2, 3}, roundTrip(Codecs.of(byte[].class), new byte[] {1, 2, 3}, 4));
    }

    @Test
    void recordsOfEverySupportedComponentRoundTrip()
    {
        final Codec<Everything> codec = Codecs.of(Everything.class);
        final Everything full = new Everything(true, (byte)-1, (short)300, 'q', 42, -5L, 0.25f, 1e300,
            Boolean.FALSE, 7, null, 2.5, "caf\u00e9", new byte[] {9, 8}, new Price("EURUSD", 1.1, 1.2, 99L));
        final Everything back = roundTrip(codec, full, 6);
        assertEquals(full.text(), back.text());
        assertArrayEquals(full.bytes(), back.bytes());
        assertEquals(full.nested(), back.nested());
        assertEquals(new Everything(true, (byte)-1, (short)300, 'q', 42, -5L, 0.25f, 1e300, false, 7, null, 2.5,
            "caf\u00e9", back.bytes(), full.nested()), back);

        final Everything nulls = new Everything(false, (byte)0, (short)0, '\0', 0, 0, 0, 0,
            null, null, null, null, null, null, null);
        assertEquals(nulls, roundTrip(codec, nulls, 0));
    }

    @Test
    void unsupportedComponentsAreRefusedAtDerivationNamingTheComponent()
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> Codecs.of(WithList.class));
        assertTrue(ex.getMessage().contains("'names'"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Codecs.of(Object.class));
        assertFalse(Codecs.hasBuiltIn(Object.class));
        assertTrue(Codecs.hasBuiltIn(Price.class));
        assertTrue(Codecs.hasBuiltIn(int.class));
    }

    @Test
    void fixedLengthTypesRefuseAnyOtherLength()
    {
        final ByteBuffer b = buffer(16);
        assertThrows(CodecException.class, () -> Codecs.of(Long.class).decode(b, 0, 7));
        assertThrows(CodecException.class, () -> Codecs.of(Integer.class).decode(b, 0, 5));
        b.put(0, (byte)2);
        assertThrows(CodecException.class, () -> Codecs.of(Boolean.class).decode(b, 0, 1));
    }

    @Test
    void malformedUtf8IsRefused()
    {
        final ByteBuffer b = buffer(4);
        b.put(0, (byte)0xC3).put(1, (byte)0x28);
        assertThrows(CodecException.class, () -> Codecs.of(String.class).decode(b, 0, 2));
    }

    @Test
    void everyTruncationOfARecordIsRefused()
    {
        final Codec<Price> codec = Codecs.of(Price.class);
        final ByteBuffer b = buffer(64);
        final int length = codec.encode(new Price("GBPUSD", 1.25, 1.26, 5L), b, 0);
        for (int cut = 0; cut < length; cut++)
        {
            final int n = cut;
            assertThrows(CodecException.class, () -> codec.decode(b, 0, n), "truncated to " + n);
        }
        assertThrows(CodecException.class, () -> codec.decode(b, 0, length + 1), "trailing byte");
    }

    @Test
    void hugeOrNegativeLengthFieldsAreRefusedBeforeAllocating()
    {
        final Codec<Price> codec = Codecs.of(Price.class);
        final ByteBuffer b = buffer(64);
        b.putInt(0, Integer.MAX_VALUE);
        assertThrows(CodecException.class, () -> codec.decode(b, 0, 64));
        b.putInt(0, -2);
        assertThrows(CodecException.class, () -> codec.decode(b, 0, 64));
        assertThrows(CodecException.class, () -> codec.decode(b, 60, 100), "range outside the buffer");
    }

    @Test
    void randomGarbageNeverEscapesAsAnythingButCodecException()
    {
        final Codec<Everything> codec = Codecs.of(Everything.class);
        final Random random = new Random(42);
        final ByteBuffer b = buffer(256);
        for (int round = 0; round < 20_000; round++)
        {
            final byte[] garbage = new byte[random.nextInt(200)];
            random.nextBytes(garbage);
            b.put(0, garbage);
            try
            {
                codec.decode(b, 0, garbage.length);
            }
            catch (final CodecException expected)
            {
                // the only allowed failure
            }
        }
    }

    @Test
    void recordValidationFailureIsACodecException()
    {
        final Codec<Positive> codec = Codecs.of(Positive.class);
        final ByteBuffer b = buffer(8);
        b.putInt(0, -1);
        assertThrows(CodecException.class, () -> codec.decode(b, 0, 4));
        assertEquals(new Positive(3), roundTrip(codec, new Positive(3), 0));
    }

    @Test
    void oversizeVariableValuesAreRefusedAtEncode()
    {
        final byte[] big = new byte[Codecs.MAX_VARIABLE_LENGTH + 1];
        final ByteBuffer b = ByteBuffer.allocate(big.length).order(ByteOrder.LITTLE_ENDIAN);
        assertThrows(IllegalArgumentException.class, () -> Codecs.of(byte[].class).encode(big, b, 0));
    }
}
