package io.ringbus.bench;

/**
 * The message every subject carries: a sequence number, a time stamp and a payload of the configured size.
 * The harness preallocates messages and reuses them, so it allocates nothing per send; a subject that
 * allocates shows it in its own {@code gc.alloc.rate.norm}.
 * <p>
 * In-process subjects pass the reference, so the payload size only changes what a receiver touches (it reads
 * the first and last byte); transports that copy (IPC) carry it on the wire.
 * <p>
 * <b>Note:</b> not thread-safe by itself; each subject's own hand-off (ring, queue, volatile) publishes the
 * fields written before a send to the receiver.
 */
public final class Msg
{
    /** Sequence of this send, counted by the sender from 0. */
    public long seq;
    /** {@link System#nanoTime()} at the intended send time (latency scenarios) or 0. */
    public long stampNanos;
    /** Payload bytes, never resized after construction. */
    public final byte[] payload;

    /**
     * A message with a payload of {@code size} bytes.
     *
     * @param size payload length in bytes, at least 1.
     */
    public Msg(final int size)
    {
        if (size < 1)
        {
            throw new IllegalArgumentException("size must be at least 1: " + size);
        }
        payload = new byte[size];
        payload[0] = 1;
        payload[size - 1] = 1;
    }

    /**
     * Copies another message's sequence, stamp and payload into this one, as a slot-mode subject's translator
     * does: the payload bytes are copied, up to the shorter of the two payloads, so nothing is allocated.
     *
     * @param other the message to copy.
     */
    public void copyFrom(final Msg other)
    {
        seq = other.seq;
        stampNanos = other.stampNanos;
        System.arraycopy(other.payload, 0, payload, 0, Math.min(payload.length, other.payload.length));
    }

    /**
     * What a receiver does with the payload, so that it cannot be skipped: reads its first and last byte.
     *
     * @return the sum of the first and the last payload byte.
     */
    public int touch()
    {
        return payload[0] + payload[payload.length - 1];
    }
}
