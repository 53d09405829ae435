package io.ringbus.bench.subjects;

import io.ringbus.api.Bus;
import io.ringbus.api.SubscribeOptions;
import io.ringbus.api.Topic;
import io.ringbus.api.Translator;
import io.ringbus.bench.BenchOptions;
import io.ringbus.bench.Link;
import io.ringbus.bench.Msg;
import io.ringbus.bench.Receiver;
import io.ringbus.bench.Session;
import io.ringbus.bench.Topology;

/**
 * Ringbus publish/subscribe on a slot-mode topic: the ring is filled at creation with preallocated {@link Msg}
 * slots of the run's payload size, and {@code topic.publish(COPY, msg)} has a static translator copy the
 * harness's message (sequence, stamp, payload bytes) into the next slot, so publishing allocates nothing.
 * Receivers get the slot itself. One subscription per receiver, each on a dedicated dispatcher thread, as for
 * {@link RingbusTopicSubject}.
 * <p>
 * <b>Note:</b> one sender per link.
 */
public final class RingbusSlotTopicSubject extends RingbusSubject
{
    /** Non-capturing, so one instance serves every publication. */
    private static final Translator<Msg, Msg> COPY = Msg::copyFrom;

    /**
     * @param idle the bus's idle strategy: busy-spin, yielding or backoff.
     */
    public RingbusSlotTopicSubject(final Idle idle)
    {
        super(idle);
    }

    @Override
    public String name()
    {
        return "ringbus-slot";
    }

    @Override
    public Session open()
    {
        return open(BenchOptions.SIZE_DEFAULT);
    }

    @Override
    public Session open(final int size)
    {
        final Bus bus = newBus();
        return new Session()
        {
            private int topics;

            @Override
            public Link link(final Topology topology, final Receiver... receivers)
            {
                if (topology == Topology.COMPETING)
                {
                    throw new UnsupportedOperationException("a topic delivers to every subscriber");
                }
                final Topic<Msg> topic =
                    bus.topic("bench.slot" + topics++, Msg.class, () -> new Msg(size), COPY);
                for (final Receiver receiver : receivers)
                {
                    topic.subscribe(receiver::onMessage, SubscribeOptions.defaults().dedicatedThread(true));
                }
                return msg -> topic.publish(COPY, msg);
            }

            @Override
            public void close()
            {
                bus.close();
            }
        };
    }
}
