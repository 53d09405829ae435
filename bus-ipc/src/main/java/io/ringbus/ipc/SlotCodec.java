package io.ringbus.ipc;

import io.ringbus.api.codec.Codec;

import java.nio.ByteBuffer;

/**
 * A codec that can also decode into an existing event, so that a shared slot-mode topic takes events from other
 * processes straight into its preallocated slots and the receive path allocates nothing.
 * <pre>{@code
 * final class TickCodec implements SlotCodec<Tick>   // Tick: a mutable class with long seq, double price
 * {
 *     public Class<Tick> type() { return Tick.class; }
 *     public int maxEncodedLength(Tick t) { return 16; }
 *     public int encode(Tick t, ByteBuffer b, int offset) { b.putLong(offset, t.seq).putDouble(offset + 8, t.price); return 16; }
 *     public Tick decode(ByteBuffer b, int offset, int length) { Tick t = new Tick(); decodeInto(t, b, offset, length); return t; }
 *     public void decodeInto(Tick t, ByteBuffer b, int offset, int length)
 *     {
 *         CodecException.requireLength(Tick.class, length, 16);
 *         t.seq = b.getLong(offset);
 *         t.price = b.getDouble(offset + 8);
 *     }
 * }
 * }</pre>
 * <b>Note:</b> called on the bus's receiver thread, inside the slot's claim: it must overwrite every field (the
 * slot holds an older event) and keep no reference to the slot or the buffer.
 *
 * @param <E> type of the events.
 */
public interface SlotCodec<E> extends Codec<E>
{
    /**
     * Overwrite {@code slot} with the event encoded in {@code length} bytes at {@code offset}.
     *
     * @param slot   the preallocated event.
     * @param buffer little-endian bytes from another process: untrusted.
     * @param offset where the encoded event starts.
     * @param length how many bytes it has.
     * @throws io.ringbus.api.codec.CodecException if the bytes do not make an event (counted as malformed).
     */
    void decodeInto(E slot, ByteBuffer buffer, int offset, int length);
}
