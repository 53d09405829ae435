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
 * <p>
 * <b>Ready mark.</b> A dispatcher polls only the subscribers marked ready (see {@link Dispatcher}). The mark is a
 * token: whoever raises it ({@link #schedule()}) hands the subscriber to its dispatcher's ready stack, and only
 * the dispatcher lowers it, after a poll that found no more to take ({@link #stillReady()}). A subscriber is
 * made with the mark up, held by the subscribing thread until {@link Dispatcher#add} hands it over, so that no
 * publisher queues it before it is ready to be polled (a replay is captured first); a detached subscriber keeps
 * it for good, so that nobody queues it again.
 */
abstract class RingSubscriber implements Subscription
{
    /**
     * Signal: close was asked for; the dispatcher detaches the subscriber between two events.
     */
    static final int CLOSING = 1;

    private static final VarHandle SIGNALS;
    private static final VarHandle SCHEDULED;

    static
    {
        try
        {
            SIGNALS = MethodHandles.lookup().findVarHandle(RingSubscriber.class, "signals", int.class);
            SCHEDULED = MethodHandles.lookup().findVarHandle(RingSubscriber.class, "scheduled", int.class);
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
    /** 1 while the subscriber is queued or being polled, 0 while idle; see the class notes. */
    private volatile int scheduled = 1;
    /** The next subscriber in the dispatcher's ready stack or run list: whoever holds the mark owns this field. */
    RingSubscriber nextReady;
    /**
     * Set by {@link #poll()}: it stopped at its batch limit (or has a replay left), so the dispatcher polls it
     * again next pass without lowering its mark. Dispatcher thread only.
     */
    boolean pollAgain;
    /** Passes in a row that found nothing while it lingered on the run list. Dispatcher thread only. */
    int idlePasses;

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
     * Deliver what is available, up to a batch limit so that one busy ring cannot starve its neighbours; set
     * {@link #pollAgain} if it stopped at that limit.
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

    /**
     * Mark the subscriber ready, after an event was published for it (or it was closed, or its upstream
     * advanced): if the mark was down, raise it and hand the subscriber to its dispatcher. Any thread.
     * <p>
     * The caller must have made its work visible before, with a StoreLoad order against this read of the mark:
     * the dispatcher lowers the mark, fences, then looks for work ({@link #stillReady()}), so either the
     * dispatcher sees the work or this call sees the mark down. When the mark is up (a busy subscriber) this is
     * one read.
     */
    final void schedule()
    {
        if (scheduled == 0 && SCHEDULED.compareAndSet(this, 0, 1))
        {
            dispatcher.ready(this);
        }
    }

    /**
     * Dispatcher side, after a poll that left nothing to take: lower the mark, then look for work once more, so
     * that an event published between the poll and the lowering is not left behind.
     *
     * @return true if work turned up and this thread raised the mark again: the caller must poll it again. False
     *         if the subscriber is idle, or a publisher raised the mark first and queued it.
     */
    final boolean stillReady()
    {
        SCHEDULED.setRelease(this, 0);
        // StoreLoad: the mark down before the cursors and the closing flag are read. See schedule().
        VarHandle.fullFence();
        return (isClosing() || hasWork()) && SCHEDULED.compareAndSet(this, 0, 1);
    }

    /**
     * @return whether the ready mark is up: queued, being polled, not yet handed to its dispatcher, or detached.
     */
    final boolean isScheduled()
    {
        return scheduled != 0;
    }

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
     * Attach to the ring and the dispatcher, which polls it once (the ready mark is up from the start). Called
     * once, by the subscribing thread.
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
            // Up for good: a publisher still holding the old subscriber array does not queue it again.
            scheduled = 1;
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
        // The dispatcher detaches it when it polls it next: queued already, or queued now.
        schedule();
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
