package io.ringbus.disruptor;

import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import io.ringbus.api.Handler;

/**
 * A topic subscriber: sees every event of the ring from the cursor at the time it attached, through a
 * sequence of its own that gates the ring's publishers.
 * <p>
 * It polls the ring itself rather than through Disruptor's {@code EventPoller}: the poller finds the highest
 * published sequence by scanning every slot up to the cursor before handing out a batch, so with a batch
 * limit and a large ring it rescans up to the whole ring for each batch. Here the scan stops at the batch, and
 * it reads only the slots' availability flags, not the cursor every publisher writes.
 * <p>
 * <b>Note:</b> polled by its dispatcher thread only.
 */
final class TopicSubscriber extends RingSubscriber
{
    static final int BATCH_LIMIT = 256;

    private final Sequence sequence = new Sequence();
    private final int batch;

    TopicSubscriber(
        final Destination destination, final Handler<?> handler, final Dispatcher dispatcher, final String label)
    {
        super(destination, handler, dispatcher, label);
        // A flag can only say "published" for a sequence within one lap of this subscriber's position.
        this.batch = Math.min(BATCH_LIMIT, destination.ring.getBufferSize());
    }

    @Override
    Sequence sequence()
    {
        return sequence;
    }

    @Override
    int poll()
    {
        final RingBuffer<Slot> ring = destination.ring;
        final long last = sequence.get();
        // Bounded by the availability flags alone: reading the cursor would contend with every publisher's CAS.
        final long limit = last + batch;
        long next = last + 1;
        try
        {
            while (next <= limit && ring.isAvailable(next) && !isClosing())
            {
                final Object event = ring.get(next).event;
                next++;
                if (event != null)
                {
                    dispatch(event);
                }
            }
        }
        finally
        {
            // Even if something escaped dispatch, what was handled is never handed out again.
            if (next > last + 1)
            {
                sequence.set(next - 1);
            }
        }
        return (int)(next - last - 1);
    }

    @Override
    boolean hasWork()
    {
        return destination.ring.getCursor() > sequence.get();
    }
}
