package io.ringbus.bench.subjects;

import io.ringbus.api.Queue;
import io.ringbus.bench.Link;
import io.ringbus.bench.Msg;

/**
 * Ringbus point-to-point with mixed priorities: {@code queue.send(msg, priority)}, the priority cycling through
 * {@value #LANES} values (0 to {@value #LANES} - 1, so four lanes in use), one competing consumer per receiver,
 * each on a dedicated dispatcher thread. Beside {@link RingbusQueueSubject} it shows what taking the highest
 * non-empty lane costs.
 * <p>
 * <b>Note:</b> one sender per link.
 */
public final class RingbusPriorityQueueSubject extends RingbusQueueSubject
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
    Link sender(final Queue<Msg> queue)
    {
        return new PrioritySender(queue);
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
