package io.ringbus.bench.subjects;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.EventTranslatorOneArg;
import com.lmax.disruptor.RingBuffer;
import io.ringbus.bench.Link;
import io.ringbus.bench.Msg;
import io.ringbus.bench.Receiver;
import io.ringbus.bench.Session;
import io.ringbus.bench.Topology;

/**
 * Raw LMAX Disruptor whose slots hold a reference to the message, as its users with objects write it: a
 * single-producer ring of holders, one {@code BatchEventProcessor} thread per receiver (multicast for fan-out),
 * {@code publishEvent} with a static translator storing the reference. The like-for-like peer of a Ringbus
 * object-mode topic ({@code ringbus-topic}, {@code ringbus-topic-sw}); {@link DisruptorPreallocSubject} is slot
 * mode's.
 * <p>
 * <b>Note:</b> one sender per link.
 */
public final class DisruptorSubject extends StrategySubject
{
    private static final EventTranslatorOneArg<Holder, Msg> PUT = (holder, sequence, msg) -> holder.msg = msg;

    /**
     * @param idle the wait strategy of every processor: busy-spin, yielding or blocking.
     */
    public DisruptorSubject(final Idle idle)
    {
        super(idle, idle::disruptor);
    }

    @Override
    public String name()
    {
        return "disruptor";
    }

    @Override
    public Session open()
    {
        final DisruptorRings rings = new DisruptorRings();
        return new Session()
        {
            @Override
            public Link link(final Topology topology, final Receiver... receivers)
            {
                final RingBuffer<Holder> ring = rings.start(Holder::new, idle, topology, receivers, Holder::handler);
                return msg -> ring.publishEvent(PUT, msg);
            }

            @Override
            public void close()
            {
                rings.close();
            }
        };
    }

    /** A slot: a reference to the message. */
    static final class Holder
    {
        Msg msg;

        static EventHandler<Holder> handler(final Receiver receiver)
        {
            return (holder, sequence, endOfBatch) -> receiver.onMessage(holder.msg);
        }
    }
}
