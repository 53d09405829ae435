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
 * Ringbus point-to-point with mixed priorities: {@code queue.send(msg, priority)}, the priority cycling through
 * {@value #LANES} values (0 to {@value #LANES} - 1, so four lanes in use), one competing consumer per receiver,
 * each on a dedicated dispatcher thread. Beside {@link RingbusQueueSubject} it shows what taking the highest
 * non-empty lane costs.
 * <p>
 * <b>Note:</b> one sender per link.
 */
public final class RingbusPriorityQueueSubject extends RingbusSubject
{
    /** How many priorities the sender cycles through. */
    static final int LANES = 4;

    /**
     * @param idle the bus's idle strategy: busy-spin, yielding or backoff.
     */
    public RingbusPriorityQueueSubject(final Idle idle)
    {
        super(idle);
    }

    @Override
    public String name()
    {
        return "ringbus-queue-prio";
    }

    @Override
    public Session open()
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
                final Queue<Msg> queue = bus.queue("bench.prio" + queues++, Msg.class);
                for (final Receiver receiver : receivers)
                {
                    queue.consume(receiver::onMessage, SubscribeOptions.defaults().dedicatedThread(true));
                }
                return new PrioritySender(queue);
            }

            @Override
            public void close()
            {
                bus.close();
            }
        };
    }

    /** Sends each message at the next priority of the cycle. */
    private static final class PrioritySender implements Link
    {
        private final Queue<Msg> queue;
        private int sent;

        PrioritySender(final Queue<Msg> queue)
        {
            this.queue = queue;
        }

        @Override
        public void send(final Msg msg)
        {
            queue.send(msg, sent++ & (LANES - 1));
        }
    }
}
