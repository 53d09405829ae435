package io.ringbus.ipc;

import io.aeron.Publication;
import io.ringbus.api.BackpressureException;
import io.ringbus.api.BackpressurePolicy;
import io.ringbus.api.BusClosedException;
import io.ringbus.api.codec.Codec;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.LockSupport;

import static io.ringbus.ipc.FrameDescriptor.AUX_OFFSET;
import static io.ringbus.ipc.FrameDescriptor.CORRELATION_OFFSET;
import static io.ringbus.ipc.FrameDescriptor.DESTINATION_OFFSET;
import static io.ringbus.ipc.FrameDescriptor.FLAGS_OFFSET;
import static io.ringbus.ipc.FrameDescriptor.HEADER_LENGTH;
import static io.ringbus.ipc.FrameDescriptor.KIND_ACK;
import static io.ringbus.ipc.FrameDescriptor.KIND_ANNOUNCE;
import static io.ringbus.ipc.FrameDescriptor.KIND_OFFSET;
import static io.ringbus.ipc.FrameDescriptor.SENDER_OFFSET;
import static io.ringbus.ipc.FrameDescriptor.TARGET_OFFSET;
import static io.ringbus.ipc.FrameDescriptor.TYPE_OFFSET;
import static io.ringbus.ipc.FrameDescriptor.VERSION;
import static io.ringbus.ipc.FrameDescriptor.VERSION_OFFSET;

/**
 * The bus's sending side: encodes frames into a thread's {@link Scratch} and offers them to the bus's publication,
 * counting every refusal in the bus's counters.
 * <p>
 * <b>Note:</b> thread-safe; offers are serialised on the publication.
 */
final class FrameSender
{
    private final AeronBus bus;

    FrameSender(final AeronBus bus)
    {
        this.bus = bus;
    }

    int encode(final Scratch s, final byte kind, final int destination, final int typeId, final int aux,
        final long target, final long correlation, final Codec<Object> codec, final Object value)
    {
        final ByteBuffer b = s.bytes;
        b.put(VERSION_OFFSET, VERSION);
        b.put(KIND_OFFSET, kind);
        b.putShort(FLAGS_OFFSET, (short)0);
        b.putInt(DESTINATION_OFFSET, destination);
        b.putInt(TYPE_OFFSET, typeId);
        b.putInt(AUX_OFFSET, aux);
        b.putLong(SENDER_OFFSET, bus.nodeId);
        b.putLong(TARGET_OFFSET, target);
        b.putLong(CORRELATION_OFFSET, correlation);
        if (codec == null)
        {
            return HEADER_LENGTH;
        }
        final int written;
        try
        {
            written = codec.encode(value, b, HEADER_LENGTH);
        }
        catch (final IndexOutOfBoundsException | BufferOverflowException ex)
        {
            throw oversize(value, -1);
        }
        if (written < 0 || written > bus.maxFrameLength - HEADER_LENGTH)
        {
            throw oversize(value, written);
        }
        return HEADER_LENGTH + written;
    }

    private IllegalArgumentException oversize(final Object value, final int written)
    {
        return new IllegalArgumentException("event of " + value.getClass().getName() + " encodes to " +
            (written < 0 ? "more than" : String.valueOf(written) + " bytes, more than") + " the " +
            (bus.maxFrameLength - HEADER_LENGTH) + " bytes a frame can carry (maxFrameLength " + bus.maxFrameLength +
            " minus the " + HEADER_LENGTH + "-byte header); raise maxFrameLength (and the term length) or send less");
    }

    long offer(final Scratch s, final int length)
    {
        final long result;
        synchronized (bus.publication)
        {
            result = bus.publication.offer(s.unsafe, 0, length);
        }
        s.lastResult = result;
        if (result > 0)
        {
            bus.framesSent.increment();
        }
        else if (result == Publication.BACK_PRESSURED || result == Publication.ADMIN_ACTION)
        {
            bus.backPressured.increment();
        }
        else if (result == Publication.NOT_CONNECTED)
        {
            bus.notConnected.increment();
        }
        else
        {
            bus.closedOffers.increment();
        }
        return result;
    }

    static String lastRefusal(final Scratch s)
    {
        return OfferResult.of(s.lastResult).name();
    }

    /**
     * Offer, waiting per the bus's backpressure policy while the stream is back-pressured or not connected.
     */
    void offerWaiting(final Scratch s, final int length, final String what)
    {
        for (int attempt = 0; ; attempt++)
        {
            final long result = offer(s, length);
            if (result > 0)
            {
                return;
            }
            if (bus.closing)
            {
                throw new BusClosedException("bus is closed: " + what);
            }
            if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED)
            {
                throw new IllegalStateException("the Aeron stream refused " + what + " with " +
                    OfferResult.of(result) + ": the driver went away or the stream is exhausted; rebuild the bus");
            }
            if (bus.config.backpressure == BackpressurePolicy.FAIL)
            {
                throw new BackpressureException(what + " refused by the Aeron stream: " + OfferResult.of(result));
            }
            pause(attempt);
        }
    }

    /**
     * Offer for up to {@code budgetNs}; false (counted) if the stream never took it.
     */
    boolean offerWithin(final Scratch s, final int length, final long budgetNs)
    {
        final long deadline = System.nanoTime() + budgetNs;
        for (int attempt = 0; ; attempt++)
        {
            final long result = offer(s, length);
            if (result > 0)
            {
                return true;
            }
            if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED ||
                System.nanoTime() - deadline > 0)
            {
                bus.controlFailures.increment();
                return false;
            }
            pause(attempt);
        }
    }

    static void pause(final int attempt)
    {
        if (attempt < 64)
        {
            Thread.onSpinWait();
        }
        else if (attempt < 128)
        {
            Thread.yield();
        }
        else
        {
            LockSupport.parkNanos(20_000);
        }
    }

    void announce(final int destination, final int count)
    {
        if (bus.aeron.isClosed())
        {
            return;
        }
        final Scratch s = bus.scratch.get();
        offerWithin(s, encode(s, KIND_ANNOUNCE, destination, 0, count, 0, 0, null, null), AeronBus.CONTROL_BUDGET_NS);
    }

    void sendAck(final Delivery d, final int destination)
    {
        final Scratch s = bus.scratch.get();
        offerWithin(s, encode(s, KIND_ACK, destination, 0, 0, d.origin, d.deliveryId, null, null), AeronBus.CONTROL_BUDGET_NS);
    }
}
