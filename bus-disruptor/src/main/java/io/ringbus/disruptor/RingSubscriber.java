package io.ringbus.disruptor;

import com.lmax.disruptor.Sequence;
import io.ringbus.api.Handler;
import io.ringbus.api.Subscription;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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
    /**
     * Signal: close was asked for; the dispatcher detaches the subscriber between two events.
     */
    static final int CLOSING = 1;

    private static final VarHandle SIGNALS;

    static
    {
        try
        {
            SIGNALS = MethodHandles.lookup().findVarHandle(RingSubscriber.class, "signals", int.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    final Destination destination;
    final Handler<Object> handler;
    final Dispatcher dispatcher;
    private final String label;
    private final CountDownLatch detached = new CountDownLatch(1);
    /**
     * Bits other threads raise for the dispatcher to notice between two events: {@link #CLOSING}, and any a
     * subclass defines. One word, so that a poll loop checks all of them with the one read it makes anyway.
     */
    private volatile int signals;
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
        return (signals & CLOSING) != 0;
    }

    /**
     * @return the signals raised and not cleared; 0 almost always.
     */
    final int signals()
    {
        return signals;
    }

    final void raise(final int signal)
    {
        SIGNALS.getAndBitwiseOr(this, signal);
    }

    final void clear(final int signal)
    {
        SIGNALS.getAndBitwiseAnd(this, ~signal);
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
            raise(CLOSING);
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
        return !isClosing() && !destination.engine.isClosed();
    }

    @Override
    public final void close()
    {
        raise(CLOSING);
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
