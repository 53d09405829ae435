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
    private final Counter taken = new Counter();
    private final Counter skipped = new Counter();

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
            if (event == null)
            {
                skipped.increment();
            }
            else
            {
                dispatch(event);
            }
            // Counted after the handler returns, so a message in its hands still shows in the queue's depth.
            taken.increment();
            n++;
        }
        return n;
    }

    @Override
    boolean hasWork()
    {
        return destination.ring.getCursor() > work.get();
    }

    @Override
    long taken()
    {
        return taken.get();
    }

    @Override
    long skipped()
    {
        return skipped.get();
    }
}
