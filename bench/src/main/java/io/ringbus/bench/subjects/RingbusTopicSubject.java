package io.ringbus.bench.subjects;

import io.ringbus.api.Bus;
import io.ringbus.api.SubscribeOptions;
import io.ringbus.api.Topic;
import io.ringbus.bench.Link;
import io.ringbus.bench.Msg;
import io.ringbus.bench.Receiver;
import io.ringbus.bench.Session;
import io.ringbus.bench.Topology;

/**
 * Ringbus publish/subscribe on a named topic: {@code topic.publish(msg)}, one subscription per receiver, each on
 * a dedicated dispatcher thread (as the raw Disruptor has one processor thread per handler).
 * <p>
 * <b>Note:</b> one sender per link.
 */
public final class RingbusTopicSubject extends RingbusSubject
{
    /**
     * @param idle the bus's idle strategy: busy-spin, yielding or backoff.
     */
    public RingbusTopicSubject(final Idle idle)
    {
        super(idle);
    }

    @Override
    public String name()
    {
        return "ringbus-topic";
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
                if (topology == Topology.COMPETING)
                {
                    throw new UnsupportedOperationException("a topic delivers to every subscriber");
                }
                final Topic<Msg> topic = bus.topic("bench.topic" + topics++, Msg.class);
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
