package io.ringbus.bench.subjects;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.EventTranslatorOneArg;
import com.lmax.disruptor.RingBuffer;
import io.ringbus.bench.BenchOptions;
import io.ringbus.bench.Link;
import io.ringbus.bench.Msg;
import io.ringbus.bench.Receiver;
import io.ringbus.bench.Session;
import io.ringbus.bench.Topology;

/**
 * Raw LMAX Disruptor with preallocated events, as its users write it for speed: the ring is filled at start with
 * {@link Msg} events of the run's payload size, and {@code publishEvent} with a static translator copies the
 * harness's message into the next one ({@link Msg#copyFrom}: sequence, stamp, payload bytes), so no reference is
 * stored and nothing is allocated. Receivers get the ring's event. Otherwise as {@link DisruptorSubject}: single
 * producer, one processor thread per receiver, the same ring size and wait strategy. The like-for-like peer of a
 * Ringbus slot-mode topic ({@code ringbus-slot}, {@code ringbus-slot-sw}).
 * <p>
 * <b>Note:</b> one sender per link.
 */
public final class DisruptorPreallocSubject extends StrategySubject
{
    private static final EventTranslatorOneArg<Msg, Msg> COPY = (slot, sequence, msg) -> slot.copyFrom(msg);

    /**
     * @param idle the wait strategy of every processor: busy-spin, yielding or blocking.
     */
    public DisruptorPreallocSubject(final Idle idle)
    {
        super(idle, idle::disruptor);
    }

    @Override
    public String name()
    {
        return "disruptor-prealloc";
    }

    @Override
    public Session open()
    {
        return open(BenchOptions.SIZE_DEFAULT);
    }

    @Override
    public Session open(final int size)
    {
        final DisruptorRings rings = new DisruptorRings();
        return new Session()
        {
            @Override
            public Link link(final Topology topology, final Receiver... receivers)
            {
                final RingBuffer<Msg> ring =
                    rings.start(() -> new Msg(size), idle, topology, receivers, DisruptorPreallocSubject::handler);
                return msg -> ring.publishEvent(COPY, msg);
            }

            @Override
            public void close()
            {
                rings.close();
            }
        };
    }

    private static EventHandler<Msg> handler(final Receiver receiver)
    {
        return (slot, sequence, endOfBatch) -> receiver.onMessage(slot);
    }
}
