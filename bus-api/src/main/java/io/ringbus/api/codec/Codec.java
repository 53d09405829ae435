package io.ringbus.api.codec;

import java.nio.ByteBuffer;

/**
 * Writes values of one type to bytes and reads them back.
 * <p>
 * A codec uses only the absolute {@code get}/{@code put} methods of the buffer it is given and never changes
 * its position, limit or order. Callers always pass a {@link java.nio.ByteOrder#LITTLE_ENDIAN} buffer. Input to
 * {@link #decode} comes from another process or from disk and is untrusted: a codec checks every length it
 * reads against {@code length} before using it (no allocation sized by an unchecked number) and throws
 * {@link CodecException} for anything malformed.
 * <pre>{@code
 * record Tick(long instrument, double price) {}
 *
 * final class TickCodec implements Codec<Tick>
 * {
 *     public Class<Tick> type() { return Tick.class; }
 *     public int maxEncodedLength(Tick t) { return 16; }
 *     public int encode(Tick t, ByteBuffer b, int offset)
 *     {
 *         b.putLong(offset, t.instrument()).putDouble(offset + 8, t.price());
 *         return 16;
 *     }
 *     public Tick decode(ByteBuffer b, int offset, int length)
 *     {
 *         CodecException.requireLength(Tick.class, length, 16);
 *         return new Tick(b.getLong(offset), b.getDouble(offset + 8));
 *     }
 * }
 * }</pre>
 * <p>
 * <b>Note:</b> a codec is shared by every thread of a bus and must be stateless or thread-safe.
 *
 * @param <E> the type it writes and reads.
 */
public interface Codec<E>
{
    /**
     * The type this codec handles; the transport keys its registry by it.
     *
     * @return the class of {@code E}.
     */
    Class<E> type();

    /**
     * An upper bound of the bytes {@link #encode} will write for this value, so a transport can claim space
     * before encoding.
     *
     * @param value the value about to be encoded.
     * @return a bound of at least the encoded length.
     */
    int maxEncodedLength(E value);

    /**
     * Writes {@code value} at {@code offset}.
     *
     * @param value  the value; never {@code null}.
     * @param buffer a little-endian buffer with at least {@link #maxEncodedLength} bytes from {@code offset}.
     * @param offset where the first byte goes.
     * @return the number of bytes written.
     */
    int encode(E value, ByteBuffer buffer, int offset);

    /**
     * Reads a value from {@code length} bytes at {@code offset}.
     *
     * @param buffer a little-endian buffer holding untrusted bytes.
     * @param offset where the first byte is.
     * @param length how many bytes belong to the value.
     * @return the value.
     * @throws CodecException if the bytes are not a valid encoding of {@code E}.
     */
    E decode(ByteBuffer buffer, int offset, int length);
}
