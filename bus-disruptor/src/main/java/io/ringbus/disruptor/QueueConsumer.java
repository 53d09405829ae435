package io.ringbus.disruptor;

import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import io.ringbus.api.Handler;

/**
 * One of a queue's competing consumers: claims one message at a time from the queue's shared work sequence,
 * so a slow consumer holds only the message in its hands and the others go on.
 * <p>
 * <b>Note:</b> polled by its dispatcher thread only.
 */
final class QueueConsumer extends RingSubscriber
{
    static final int BATCH_LIMIT = 256;

    private final Sequence work;
    private final Sequence claim = new Sequence();

    QueueConsumer(final RingQueue<?> queue, final Handler<?> handler, final Dispatcher dispatcher)
    {
        super(queue, handler, dispatcher, queue.name());
        this.work = queue.work;
    }

    @Override
    Sequence sequence()
    {
        return claim;
    }

    /**
     * The claim position must never exceed the work sequence; see {@link QueueGate}.
     */
    void startAtWorkSequence()
    {
        claim.set(work.get());
    }

    @Override
    int poll()
    {
        final RingBuffer<Slot> ring = destination.ring;
        int n = 0;
        while (n < BATCH_LIMIT && !isClosing())
        {
            final long next = WorkClaim.claim(ring, work, claim);
            if (next == WorkClaim.NONE)
            {
                break;
            }
            final Slot slot = ring.get(next);
            final Object event = slot.event;
            slot.event = null;
            if (event != null)
            {
                dispatch(event);
            }
            n++;
        }
        return n;
    }

    @Override
    boolean hasWork()
    {
        // Against this consumer's own position, so that it does not park holding the ring back at a stale one.
        return destination.ring.getCursor() > claim.get();
    }
}
