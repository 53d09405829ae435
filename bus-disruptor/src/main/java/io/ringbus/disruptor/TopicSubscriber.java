package io.ringbus.disruptor;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.Sequence;
import io.ringbus.api.Handler;

/**
 * A topic subscriber: sees every event of the ring from the cursor at the time it attached, through a
 * Disruptor {@link EventPoller} whose sequence gates the ring's publishers.
 * <p>
 * <b>Note:</b> polled by its dispatcher thread only.
 */
final class TopicSubscriber extends RingSubscriber implements EventPoller.Handler<Slot>
{
    static final int BATCH_LIMIT = 256;

    private final EventPoller<Slot> poller;
    private int batch;

    TopicSubscriber(
        final Destination destination, final Handler<?> handler, final Dispatcher dispatcher, final String label)
    {
        super(destination, handler, dispatcher, label);
        this.poller = destination.ring.newPoller();
    }

    @Override
    void attach()
    {
        destination.attach(this);
        dispatcher.add(this);
    }

    @Override
    Sequence sequence()
    {
        return poller.getSequence();
    }

    @Override
    int poll()
    {
        batch = 0;
        try
        {
            poller.poll(this);
        }
        catch (final Exception ex)
        {
            // onEvent catches everything a handler throws, so this is a defect of the engine itself.
            destination.engine.errors.report("poller of " + this + " failed: " + ex);
        }
        return batch;
    }

    @Override
    public boolean onEvent(final Slot slot, final long sequence, final boolean endOfBatch)
    {
        if (isClosing())
        {
            return false;
        }
        final Object event = slot.event;
        if (event != null)
        {
            dispatch(event);
        }
        return ++batch < BATCH_LIMIT;
    }

    @Override
    boolean hasWork()
    {
        return destination.ring.getCursor() > poller.getSequence().get();
    }
}
