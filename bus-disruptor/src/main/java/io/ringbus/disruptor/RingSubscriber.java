package io.ringbus.disruptor;

import com.lmax.disruptor.Sequence;
import io.ringbus.api.Handler;
import io.ringbus.api.Subscription;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One handler attached to one ring, polled by one dispatcher. Subclasses decide how sequences are taken:
 * every event for a topic, one claimed event at a time for a queue.
 * <p>
 * Closing is cooperative: {@link #close()} raises a flag, the dispatcher detaches the subscriber between two
 * events, and callers off the dispatcher wait for that so that the handler is not called after close returns.
 */
abstract class RingSubscriber implements Subscription
{
    final Destination destination;
    final Handler<Object> handler;
    final Dispatcher dispatcher;
    private final String label;
    private final CountDownLatch detached = new CountDownLatch(1);
    private volatile boolean closing;
    private final Counter delivered = new Counter();
    private final Counter failures = new Counter();

    @SuppressWarnings("unchecked")
    RingSubscriber(
        final Destination destination, final Handler<?> handler, final Dispatcher dispatcher, final String label)
    {
        this.destination = destination;
        this.handler = (Handler<Object>)handler;
        this.dispatcher = dispatcher;
        this.label = label;
    }

    /**
     * Deliver what is available, up to a batch limit so that one busy ring cannot starve its neighbours.
     *
     * @return the number of events taken.
     */
    abstract int poll();

    /**
     * @return the position this subscriber holds the ring back at.
     */
    abstract Sequence sequence();

    /**
     * @return whether events are published or claimed beyond this subscriber's position.
     */
    abstract boolean hasWork();

    final boolean isClosing()
    {
        return closing;
    }

    final long failures()
    {
        return failures.get();
    }

    final long delivered()
    {
        return delivered.get();
    }

    /**
     * Call the handler; a failure is counted and reported, never thrown into the dispatcher.
     */
    final void dispatch(final Object event)
    {
        try
        {
            handler.onEvent(event);
            delivered.increment();
        }
        catch (final Throwable ex)
        {
            failures.increment();
            failed(event, ex);
        }
        // A restored interrupt would reach the next handler, and Agrona stops an interrupted agent for good.
        if (Thread.interrupted())
        {
            dispatcher.interruptCleared(this);
        }
    }

    /**
     * A handler call threw: tell the error handler. A queue consumer also retries or dead-letters the message.
     */
    void failed(final Object event, final Throwable cause)
    {
        destination.engine.errors.handlerFailed(cause, destination.name, event, handler);
    }

    /**
     * Attach to the ring and the dispatcher. Called once, by the subscribing thread.
     */
    void attach()
    {
        destination.attach(this);
        dispatcher.add(this);
    }

    /**
     * Leave the ring and the dispatcher. Runs on the dispatcher thread (or during bus close, after it stopped).
     *
     * @return 1, as a unit of work.
     */
    final int detach()
    {
        if (detached.getCount() != 0)
        {
            closing = true;
            dispatcher.remove(this);
            destination.detach(this);
            onDetached();
            detached.countDown();
            if (dispatcher.isDedicated())
            {
                dispatcher.retire();
            }
        }
        return 1;
    }

    /**
     * Called once, on the way out, after the ring stopped gating on this subscriber.
     */
    void onDetached()
    {
    }

    @Override
    public final String destination()
    {
        return label;
    }

    @Override
    public final boolean isActive()
    {
        return !closing && !destination.engine.isClosed();
    }

    @Override
    public final void close()
    {
        closing = true;
        dispatcher.wake();
        awaitDetached();
    }

    /**
     * Wait, bounded by the bus's close timeout, for the dispatcher to let go of this subscriber. Not on a
     * dispatcher thread: there the wait could be on itself.
     */
    final void awaitDetached()
    {
        if (DispatcherThread.current() != null || !dispatcher.isRunning())
        {
            return;
        }
        try
        {
            if (!detached.await(destination.engine.config.closeTimeout().toNanos(), TimeUnit.NANOSECONDS))
            {
                destination.engine.errors.report(
                    "subscription to '" + label + "' still busy in its handler after the close timeout");
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString()
    {
        return getClass().getSimpleName() + "[" + label + "]";
    }
}
