package io.ringbus.bench.subjects;

import io.ringbus.bench.Msg;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

/**
 * The Vert.x codec for {@link Msg} on the local event bus: passes the reference, as every in-process subject
 * does. It refuses the wire (the bench's Vert.x is never clustered).
 * <p>
 * <b>Note:</b> stateless, thread-safe.
 */
final class LocalCodec implements MessageCodec<Msg, Msg>
{
    @Override
    public void encodeToWire(final Buffer buffer, final Msg msg)
    {
        throw new UnsupportedOperationException("local event bus only");
    }

    @Override
    public Msg decodeFromWire(final int pos, final Buffer buffer)
    {
        throw new UnsupportedOperationException("local event bus only");
    }

    @Override
    public Msg transform(final Msg msg)
    {
        return msg;
    }

    @Override
    public String name()
    {
        return "bench-msg-local";
    }

    @Override
    public byte systemCodecID()
    {
        return -1;
    }
}
