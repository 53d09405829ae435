package io.ringbus.bench.subjects;

import io.ringbus.api.Bus;
import io.ringbus.api.SubscribeOptions;
import io.ringbus.api.Topic;
import io.ringbus.api.TopicOptions;
import io.ringbus.bench.Link;
import io.ringbus.bench.Msg;
import io.ringbus.bench.Receiver;
import io.ringbus.bench.Session;
import io.ringbus.bench.Topology;

/**
 * Ringbus publish/subscribe on a named object-mode topic: {@code topic.publish(msg)} stores the reference in the
 * ring, one subscription per receiver, each on a dedicated dispatcher thread (as the raw Disruptor has one
 * processor thread per handler). Two forms: {@code ringbus-topic}, declared as a new user does
 * ({@code bus.topic(name, type)}, any number of publishers), and {@code ringbus-topic-sw}, declared
 * {@code TopicOptions.singleWriter(true)} (the bench publishes to each link from one thread at a time, handing the
 * role over through the ring in a ping-pong). The like-for-like peer is {@link DisruptorSubject}.
 * <p>
 * <b>Note:</b> one sender per link.
 */
public final class RingbusTopicSubject extends RingbusSubject
{
    private final boolean singleWriter;

    /**
     * The topic as declared by default, any number of publishers.
     *
     * @param idle the bus's idle strategy: busy-spin, yielding or backoff.
     */
    public RingbusTopicSubject(final Idle idle)
    {
        this(idle, false);
    }

    private RingbusTopicSubject(final Idle idle, final boolean singleWriter)
    {
        super(idle);
        this.singleWriter = singleWriter;
    }

    /**
     * The topic declared single-writer ({@code TopicOptions.defaults().singleWriter(true)}).
     *
     * @param idle the bus's idle strategy: busy-spin, yielding or backoff.
     * @return the subject {@code ringbus-topic-sw}.
     */
    public static RingbusTopicSubject singleWriter(final Idle idle)
    {
        return new RingbusTopicSubject(idle, true);
    }

    @Override
    public String name()
    {
        return singleWriter ? "ringbus-topic-sw" : "ringbus-topic";
    }

    @Override
    public Session open()
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
                final String name = "bench.topic" + topics++;
                final Topic<Msg> topic = singleWriter ?
                    bus.topic(name, Msg.class, TopicOptions.defaults().singleWriter(true)) :
                    bus.topic(name, Msg.class);
                for (final Receiver receiver : receivers)
                {
                    topic.subscribe(receiver::onMessage, SubscribeOptions.defaults().dedicatedThread(true));
                }
                return topic::publish;
            }

            @Override
            public void close()
            {
                bus.close();
            }
        };
    }
}
