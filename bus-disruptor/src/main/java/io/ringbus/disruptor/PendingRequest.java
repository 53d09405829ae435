package io.ringbus.disruptor;

import io.ringbus.api.ReplyCallback;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * A request on its way: the correlation entry between a requester, the responder that takes it from the
 * address's ring, and the timer that holds its timeout. Entries are pooled ({@link RequestPool}) so that a
 * round trip allocates nothing once warm.
 * <p>
 * <b>Outcome.</b> {@code state} goes once from {@code PENDING} to {@code DONE} by CAS: whoever wins (the
 * responder with a reply or a failure, the timer with a timeout, the requester when the address stays full,
 * the timer's stop at close) calls the callback, exactly once. A winner other than the timer then sends the
 * timer a notice, so that the timeout is cancelled at once (see {@link TimerTask}).
 * <p>
 * <b>Reuse.</b> Two parties hold the entry after it is sent: the timer and the responder side (the ring slot,
 * then the responder). Each lets go once ({@link #release()}); the last one clears it and returns it to the
 * pool, so an entry is never reused while anyone can still read it.
 * <p>
 * <b>Note:</b> the request fields are written by the requester before the entry is handed over (through the
 * timer's queue and the ring, both of which publish safely) and read-only afterwards.
 */
final class PendingRequest extends TimerTask
{
    private static final int PENDING = 0;
    private static final int DONE = 1;
    /** The timer and the responder side. */
    private static final int PARTIES = 2;

    private static final VarHandle STATE;
    private static final VarHandle REFS;

    static
    {
        try
        {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(PendingRequest.class, "state", int.class);
            REFS = lookup.findVarHandle(PendingRequest.class, "refs", int.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final RequestPool pool;
    String address;
    Object request;
    Class<?> replyType;
    private ReplyCallback<Object> callback;
    private long timeoutNanos;
    private volatile int state = DONE;
    private volatile int refs;

    PendingRequest(final RequestPool pool)
    {
        this.pool = pool;
    }

    /**
     * Fill a fresh or pooled entry. Requester thread, before the entry is handed to anyone.
     */
    void init(
        final String address,
        final Object request,
        final Class<?> replyType,
        final ReplyCallback<Object> callback,
        final long deadline,
        final long timeoutNanos)
    {
        this.address = address;
        this.request = request;
        this.replyType = replyType;
        this.callback = callback;
        this.deadline = deadline;
        this.timeoutNanos = timeoutNanos;
        refs = PARTIES;
        state = PENDING;
    }

    /**
     * Deliver the outcome if nobody has yet.
     *
     * @return true if this call delivered it.
     */
    boolean complete(final Object reply, final Throwable failure)
    {
        if (!STATE.compareAndSet(this, PENDING, DONE))
        {
            return false;
        }
        try
        {
            callback.onReply(reply, failure);
        }
        catch (final Throwable ex)
        {
            pool.errors.report("the reply callback of a request to '" + address + "' threw " + ex);
        }
        return true;
    }

    /**
     * One party lets go; the last one returns the entry to the pool.
     */
    void release()
    {
        if ((int)REFS.getAndAdd(this, -1) == 1)
        {
            address = null;
            request = null;
            replyType = null;
            callback = null;
            pool.release(this);
        }
    }

    @Override
    boolean isLive()
    {
        return state == PENDING;
    }

    @Override
    Outcome onDeadline(final TimerAgent agent, final long now)
    {
        if (state == PENDING && complete(null, new TimeoutException(
            "no reply from '" + address + "' within " + Duration.ofNanos(timeoutNanos))))
        {
            return Outcome.DONE;
        }
        return Outcome.AWAIT_NOTICE;
    }

    @Override
    boolean onLost()
    {
        return state == PENDING && complete(null, new io.ringbus.api.BusClosedException(
            "the bus closed before the request to '" + address + "' got a reply"));
    }

    @Override
    void released()
    {
        release();
    }

    @Override
    public String toString()
    {
        return "PendingRequest[" + address + "]";
    }
}
