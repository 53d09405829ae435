package io.ringbus.api.codec;

/**
 * Bytes that are not a valid encoding of the type a {@link Codec} expected: too short, too long, a length
 * field out of range, an unknown tag. Receive paths count and report such frames instead of delivering them.
 * <p>
 * <b>Note:</b> thread-safe; immutable once thrown.
 */
public final class CodecException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * Creates one.
     *
     * @param message what is wrong with the bytes, naming the type and the offending value.
     */
    public CodecException(final String message)
    {
        super(message);
    }

    /**
     * Checks that a value of {@code type} has exactly the fixed length it needs.
     *
     * @param type     the type being decoded, for the message.
     * @param length   the bytes given.
     * @param expected the bytes a value of {@code type} takes.
     * @throws CodecException if they differ.
     */
    public static void requireLength(final Class<?> type, final int length, final int expected)
    {
        if (length != expected)
        {
            throw new CodecException(type.getName() + " takes " + expected + " bytes, got " + length);
        }
    }
}
