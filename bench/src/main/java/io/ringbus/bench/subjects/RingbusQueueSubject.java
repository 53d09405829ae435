package io.ringbus.bench.subjects;

import io.ringbus.api.Bus;
import io.ringbus.api.Queue;
import io.ringbus.api.SubscribeOptions;
import io.ringbus.bench.Link;
import io.ringbus.bench.Msg;
import io.ringbus.bench.Receiver;
import io.ringbus.bench.Session;
import io.ringbus.bench.Topology;

/**
 * Ringbus point-to-point: {@code queue.send(msg)}, one competing consumer per receiver, each on a dedicated
 * dispatcher thread.
 * <p>
 * <b>Note:</b> one sender per link.
 */
public class RingbusQueueSubject extends RingbusSubject
{
    /**
     * @param idle the bus's idle strategy: busy-spin, yielding or backoff.
     */
    public RingbusQueueSubject(final Idle idle)
    {
        super(idle);
    }

    @Override
    public String name()
    {
        return "ringbus-queue";
    }

    @Override
    public final Session open()
    {
        final Bus bus = newBus();
        return new Session()
        {
            private int queues;

            @Override
            public Link link(final Topology topology, final Receiver... receivers)
            {
                if (topology == Topology.FAN_OUT)
                {
                    throw new UnsupportedOperationException("a queue delivers each message to one consumer");
                }
                final Queue<Msg> queue = bus.queue("bench.queue" + queues++, Msg.class);
                for (final Receiver receiver : receivers)
                {
                    queue.consume(receiver::onMessage, SubscribeOptions.defaults().dedicatedThread(true));
                }
                return sender(queue);
            }

            @Override
            public void close()
            {
                bus.close();
            }
        };
    }

    /**
     * How the link sends: plain {@code send(msg)} here.
     *
     * @param queue the link's queue.
     * @return the link.
     */
    Link sender(final Queue<Msg> queue)
    {
        return queue::send;
    }
}
