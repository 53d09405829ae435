package io.ringbus.bench.subjects;

import io.ringbus.api.Bus;
import io.ringbus.api.SubscribeOptions;
import io.ringbus.api.Topic;
import io.ringbus.api.TopicOptions;
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
 * {@link RingbusTopicSubject}. Two forms: {@code ringbus-slot} (any number of publishers) and
 * {@code ringbus-slot-sw}, declared {@code TopicOptions.singleWriter(true)}. The like-for-like peer is
 * {@link DisruptorPreallocSubject}.
 * <p>
 * <b>Note:</b> one sender per link.
 */
public final class RingbusSlotTopicSubject extends RingbusSubject
{
    /** Non-capturing, so one instance serves every publication. */
    private static final Translator<Msg, Msg> COPY = Msg::copyFrom;

    private final boolean singleWriter;

    /**
     * The slot-mode topic, any number of publishers.
     *
     * @param idle the bus's idle strategy: busy-spin, yielding or backoff.
     */
    public RingbusSlotTopicSubject(final Idle idle)
    {
        this(idle, false);
    }

    private RingbusSlotTopicSubject(final Idle idle, final boolean singleWriter)
    {
        super(idle);
        this.singleWriter = singleWriter;
    }

    /**
     * The slot-mode topic declared single-writer ({@code TopicOptions.defaults().singleWriter(true)}).
     *
     * @param idle the bus's idle strategy: busy-spin, yielding or backoff.
     * @return the subject {@code ringbus-slot-sw}.
     */
    public static RingbusSlotTopicSubject singleWriter(final Idle idle)
    {
        return new RingbusSlotTopicSubject(idle, true);
    }

    @Override
    public String name()
    {
        return singleWriter ? "ringbus-slot-sw" : "ringbus-slot";
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
                if (topology != Topology.ONE_TO_ONE && topology != Topology.FAN_OUT)
                {
                    throw new UnsupportedOperationException("a topic delivers every message to every subscriber");
                }
                final TopicOptions options = TopicOptions.defaults().singleWriter(singleWriter);
                final Topic<Msg> topic =
                    bus.topic("bench.slot" + topics++, Msg.class, () -> new Msg(size), COPY, options);
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
