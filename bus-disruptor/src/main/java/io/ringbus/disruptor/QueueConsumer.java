package io.ringbus.disruptor;

import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import io.ringbus.api.Handler;

/**
 * One of a queue's competing consumers: claims one message at a time from the queue's shared work sequences,
 * so a slow consumer holds only the message in its hands and the others go on. With one lane (no priority ever
 * sent) it polls that lane alone, as cheaply as a queue without priorities; with more, {@link LaneTake} takes
 * the highest priority available.
 * <p>
 * <b>Note:</b> polled by its dispatcher thread only.
 */
final class QueueConsumer extends RingSubscriber
{
    static final int BATCH_LIMIT = 256;

    private final RingQueue<?> queue;
    final LaneTake take;
    private final Sequence claim;
    /** Attempts made on the message in hand before this one, and its lane. */
    private int attemptsBefore;
    private int priority;

    QueueConsumer(final RingQueue<?> queue, final Handler<?> handler, final Dispatcher dispatcher)
    {
        super(queue, handler, dispatcher, queue.name());
        this.queue = queue;
        this.take = new LaneTake(queue.options.starvationGuard());
        this.claim = take.positions[0];
    }

    @Override
    Sequence sequence()
    {
        return claim;
    }

    @Override
    int poll()
    {
        final Lane[] lanes = queue.lanes;
        if (lanes.length > 1)
        {
            return pollLanes(lanes);
        }
        final RingBuffer<Slot> ring = destination.ring;
        final Sequence work = queue.work;
        int n = 0;
        while (n < BATCH_LIMIT && !isClosing())
        {
            final long next = WorkClaim.claim(ring, work, claim);
            if (next == WorkClaim.NONE)
            {
                break;
            }
            handle(ring.get(next), 0);
            n++;
        }
        pollAgain = n == BATCH_LIMIT;
        return n;
    }

    private int pollLanes(final Lane[] lanes)
    {
        int n = 0;
        while (n < BATCH_LIMIT && !isClosing())
        {
            final long next = take.next(lanes);
            if (next == WorkClaim.NONE)
            {
                break;
            }
            final Lane lane = take.lane;
            handle(lane.ring.get(next), lane.priority);
            n++;
        }
        pollAgain = n == BATCH_LIMIT;
        return n;
    }

    private void handle(final Slot slot, final int lanePriority)
    {
        final Object event = slot.event;
        slot.event = null;
        if (event == null)
        {
            return;
        }
        if (event instanceof Retry retry)
        {
            attemptsBefore = retry.attempts;
            priority = retry.priority;
            dispatch(retry.message);
        }
        else
        {
            attemptsBefore = 0;
            priority = lanePriority;
            dispatch(event);
        }
    }

    @Override
    void failed(final Object event, final Throwable cause)
    {
        super.failed(event, cause);
        try
        {
            queue.failed(event, cause, attemptsBefore + 1, priority);
        }
        catch (final RuntimeException ex)
        {
            // Never out of the dispatcher: the message would vanish with no counter saying so.
            destination.engine.errors.report("retrying or dead-lettering a message of " + destination.describe() +
                " failed: " + ex);
        }
    }

    @Override
    boolean hasWork()
    {
        // Against this consumer's own positions, so that it does not park holding a ring back at a stale one.
        return take.hasWork(queue.lanes);
    }
}
