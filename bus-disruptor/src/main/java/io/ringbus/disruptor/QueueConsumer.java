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
    /**
     * Signal: the queue made a lane since this consumer last read its lanes.
     */
    static final int LANES_CHANGED = 2;

    private final RingQueue<?> queue;
    final LaneTake take;
    private final Sequence claim;
    /** Attempts made on the message in hand before this one, and its lane. */
    private int attemptsBefore;
    private int priority;
    /** The lanes of the current or last batch: those where this consumer may hold a position. */
    private Lane[] lanesInUse;

    QueueConsumer(final RingQueue<?> queue, final Handler<?> handler, final Dispatcher dispatcher)
    {
        super(queue, handler, dispatcher, queue.name());
        this.queue = queue;
        this.take = new LaneTake(queue.options.starvationGuard());
        this.claim = take.positions[0];
        this.lanesInUse = queue.lanes;
    }

    @Override
    Sequence sequence()
    {
        return claim;
    }

    @Override
    int poll()
    {
        int n = 0;
        while (true)
        {
            final int signals = signals();
            if (signals == LANES_CHANGED)
            {
                // Cleared before the lanes are read: a lane made after that read raises the signal again.
                clear(LANES_CHANGED);
            }
            else if (signals != 0 || n >= BATCH_LIMIT)
            {
                return n;
            }
            final Lane[] lanes = queue.lanes;
            lanesInUse = lanes;
            n = lanes.length == 1 ? pollOneLane(n) : pollLanes(lanes, n);
            // Whatever ended the batch, the message last taken is done with (see letGo).
            take.letGo(lanes);
            if (signals() != LANES_CHANGED)
            {
                return n;
            }
        }
    }

    /**
     * Take from lane 0 alone, the only lane in use when the batch began.
     * <p>
     * The loop reads this consumer's signals before each message, as it must for close anyway: that one read
     * also tells it that a lane was made ({@link #LANES_CHANGED}), so that a message of a priority never used
     * before is taken next, not after up to a batch of lower ones. A read of the queue's lanes or of a lane
     * count per message would do as well but cost a second load of a line other threads write; raising the
     * signal costs lane creation (rare, at most one per priority) an atomic OR per consumer instead.
     */
    private int pollOneLane(final int taken)
    {
        final RingBuffer<Slot> ring = destination.ring;
        final Sequence work = queue.work;
        int n = taken;
        while (n < BATCH_LIMIT && signals() == 0)
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

    private int pollLanes(final Lane[] lanes, final int taken)
    {
        int n = taken;
        while (n < BATCH_LIMIT && signals() == 0)
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
        // Cleared, unlike a Disruptor slot: a queue's messages are often work items with payloads, and a quiet
        // queue's slot may not be reused for a long time, so keeping the reference would keep up to a ring of
        // handled messages reachable; under load, each young collection would copy (and soon promote) the last
        // lap of handled messages. The store is cheap: G1's post-barrier filters null, and the pre-barrier only
        // does work during concurrent marking. A quick run (1 producer, 1 consumer, ring 2^16, busy machine)
        // was no faster without it. The slot is still protected here (this consumer's position holds it), so
        // the store cannot hit a newer message.
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
            queue.failed(event, cause, attemptsBefore + 1, priority, this);
        }
        catch (final RuntimeException ex)
        {
            // Never out of the dispatcher: the message would vanish with no counter saying so.
            destination.engine.errors.report("retrying or dead-lettering a message of " + destination.describe() +
                " failed: " + ex);
        }
    }

    /**
     * Done with the message in hand: its slot may be reused and it no longer counts in the queue's depth.
     * <p>
     * Within a batch, the claim of the next message moves this consumer's position on anyway, so it is let go
     * of explicitly only where the batch ends ({@link #poll()}) and where a failed message is handed over to
     * the timer or the dead-letter queue ({@link RingQueue#failed}). That saves a store per message; the price
     * is that a message handled normally counts in the depth a few instructions longer than in
     * {@code delivered}, which the stats' accounting allows ("once no message is in a handler's hands").
     */
    void letGo()
    {
        take.letGo(lanesInUse);
    }

    @Override
    boolean hasWork()
    {
        // Between batches this consumer holds no position (see letGo), so unclaimed messages are all there is.
        return LaneTake.hasWork(queue.lanes);
    }
}
