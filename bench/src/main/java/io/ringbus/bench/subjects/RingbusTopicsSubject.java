package io.ringbus.bench.subjects;

import io.ringbus.api.Bus;
import io.ringbus.api.Topic;
import io.ringbus.api.TopicOptions;
import io.ringbus.bench.Link;
import io.ringbus.bench.ManyTopicsSubject;
import io.ringbus.bench.Msg;
import io.ringbus.bench.Receiver;
import io.ringbus.bench.Session;
import io.ringbus.bench.Topology;

/**
 * Ringbus with many topics, as users with a topic per instrument, account or device have: one producer publishes
 * round-robin over {@link #topics()} object-mode topics, each with one subscriber on the bus's shared dispatcher
 * threads. The bus is Ringbus's default (dispatcher threads, backpressure; any {@code ringbus.*} system property)
 * except the idle strategy; every topic gets a small ring of {@link #RING_SIZE} slots
 * ({@code TopicOptions.ringSize}), the same whatever the count, so that 10,000 topics fit in memory.
 * <p>
 * <b>Note:</b> one sender per link.
 */
public final class RingbusTopicsSubject extends RingbusSubject implements ManyTopicsSubject
{
    /** Slots in each topic's ring. */
    public static final int RING_SIZE = 256;

    private final int topics;

    /**
     * @param topics how many topics the producer spreads its messages over, at least 1.
     * @param idle   the bus's idle strategy: busy-spin, yielding or backoff.
     */
    public RingbusTopicsSubject(final int topics, final Idle idle)
    {
        super(idle);
        if (topics < 1)
        {
            throw new IllegalArgumentException("topics must be at least 1: " + topics);
        }
        this.topics = topics;
    }

    /**
     * The subject name for a topic count, e.g. {@code ringbus-topics-10000}.
     *
     * @param topics the topic count.
     * @return the name.
     */
    public static String name(final int topics)
    {
        return "ringbus-topics-" + topics;
    }

    @Override
    public String name()
    {
        return name(topics);
    }

    @Override
    public int topics()
    {
        return topics;
    }

    @Override
    public Session open()
    {
        final Bus bus = newDefaultBus();
        return new Session()
        {
            @Override
            public Link link(final Topology topology, final Receiver... receivers)
            {
                if (topology != Topology.ROUND_ROBIN || receivers.length != topics)
                {
                    throw new UnsupportedOperationException(
                        "spreads messages round-robin over " + topics + " topics, a receiver each");
                }
                final TopicOptions options = TopicOptions.defaults().ringSize(RING_SIZE);
                @SuppressWarnings("unchecked")
                final Topic<Msg>[] all = new Topic[topics];
                for (int i = 0; i < topics; i++)
                {
                    all[i] = bus.topic("bench.many." + i, Msg.class, options);
                    all[i].subscribe(receivers[i]::onMessage);
                }
                return new RoundRobin(all);
            }

            @Override
            public void close()
            {
                bus.close();
            }
        };
    }

    /** Publishes each message to the next topic in turn. */
    private static final class RoundRobin implements Link
    {
        private final Topic<Msg>[] topics;
        private int next;

        RoundRobin(final Topic<Msg>[] topics)
        {
            this.topics = topics;
        }

        @Override
        public void send(final Msg msg)
        {
            final Topic<Msg> topic = topics[next];
            next = next + 1 == topics.length ? 0 : next + 1;
            topic.publish(msg);
        }
    }
}
