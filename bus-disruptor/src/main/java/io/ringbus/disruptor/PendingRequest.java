package io.ringbus.disruptor;

import io.ringbus.api.BusClosedException;
import io.ringbus.api.ReplyCallback;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * A request on its way: the correlation entry between a requester and the responder that takes it from the
 * address's ring. Entries are pooled ({@link RequestPool}) so that a round trip allocates nothing once warm.
 * <p>
 * <b>Outcome.</b> {@code state} holds a generation, one more at each use, and a pending bit. It goes once from
 * pending to done by CAS: whoever wins (the responder with a reply or a failure, the timer's sweep with a
 * timeout, the requester when the address stays full, the bus's close) calls the callback, exactly once.
 * <p>
 * <b>Ownership.</b> The requester fills the entry and hands it to the address's ring; from then on the responder
 * side (the ring slot, then the responder) owns it and alone returns it to the pool ({@link #release()}); if the
 * hand-over fails the requester keeps it and returns it. The timer holds no reference and sends no notice: its
 * sweep reads the state, then the fields it needs, then wins only if its CAS still finds that state. A successful
 * CAS proves that the entry was not finished, returned nor refilled in between, so what the sweep read belongs
 * to the request it times out (a seqlock read, validated by the CAS; checked by the jcstress test
 * {@code SweepReuseStress}). Nothing in a timer wheel refers to a request, so an outcome leaves no timer behind.
 * <p>
 * <b>Note:</b> the request fields are written by the requester before the pending state is published (a volatile
 * write) and cleared only by the owner once the state is done.
 */
final class PendingRequest
{
    /** What {@link #sweep} returns for an entry that needs no later sweep. */
    static final long NO_DEADLINE = Long.MAX_VALUE;

    private static final long PENDING = 1L;
    private static final VarHandle STATE;

    static
    {
        try
        {
            STATE = MethodHandles.lookup().findVarHandle(PendingRequest.class, "state", long.class);
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
    private long deadline;
    private long timeoutNanos;
    /** Generation times two, plus {@link #PENDING} until an outcome is delivered. */
    private volatile long state;
    /** The pool could not take it back: its registry drops it (under the registry's lock). */
    boolean retired;

    PendingRequest(final RequestPool pool)
    {
        this.pool = pool;
    }

    /**
     * Fill a fresh or pooled entry and make it pending. Requester thread, before the entry is handed to anyone.
     * The state is written last and volatile: it publishes the fields to the sweep and orders this write before
     * the requester's read of the timer's next sweep time ({@link TimerAgent#sweepBy}).
     *
     * @param deadline a {@link TimerClock#nanoTime()} value.
     * @return the ticket of this use: give it to {@link #complete}.
     */
    long init(
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
        final long ticket = (state | PENDING) + 1 | PENDING;
        state = ticket;
        return ticket;
    }

    /**
     * @return the ticket of the current use; {@link #isPending(long)} says whether it still waits for an outcome.
     */
    long ticket()
    {
        return state;
    }

    static boolean isPending(final long ticket)
    {
        return (ticket & PENDING) != 0;
    }

    /**
     * Deliver the outcome of the use {@code ticket} names, if nobody has yet. Called by the owner (the
     * responder, or the requester that kept the entry), whose fields cannot change under it.
     *
     * @return true if this call delivered it.
     */
    boolean complete(final long ticket, final Object reply, final Throwable failure)
    {
        if (!STATE.compareAndSet(this, ticket, ticket & ~PENDING))
        {
            return false;
        }
        deliver(callback, address, reply, failure);
        return true;
    }

    /**
     * The timer's look at the entry: time it out if its deadline has come. Any thread, any time; never blocks
     * the owner.
     *
     * @param now a {@link TimerClock#nanoTime()} value.
     * @return the deadline of a pending request not yet due, else {@link #NO_DEADLINE}.
     */
    long sweep(final long now)
    {
        final long ticket = state;
        if (!isPending(ticket))
        {
            return NO_DEADLINE;
        }
        // Read before the CAS: once it wins the entry may at once be returned and refilled by others.
        final ReplyCallback<Object> cb = callback;
        final String to = address;
        final long due = deadline;
        final long timeout = timeoutNanos;
        if (now - due < 0)
        {
            // A hint only: if the entry was refilled meanwhile, its new requester asked for its own sweep.
            return due;
        }
        if (cb != null && STATE.compareAndSet(this, ticket, ticket & ~PENDING))
        {
            deliver(cb, to, null,
                new TimeoutException("no reply from '" + to + "' within " + Duration.ofNanos(timeout)));
        }
        return NO_DEADLINE;
    }

    /**
     * The bus closed with this request still pending: fail it. The same validated read as {@link #sweep}.
     */
    void lose()
    {
        final long ticket = state;
        if (!isPending(ticket))
        {
            return;
        }
        final ReplyCallback<Object> cb = callback;
        final String to = address;
        if (cb != null && STATE.compareAndSet(this, ticket, ticket & ~PENDING))
        {
            deliver(cb, to, null,
                new BusClosedException("the bus closed before the request to '" + to + "' got a reply"));
        }
    }

    private void deliver(
        final ReplyCallback<Object> cb, final String to, final Object reply, final Throwable failure)
    {
        try
        {
            cb.onReply(reply, failure);
        }
        catch (final Throwable ex)
        {
            pool.errors.report("the reply callback of a request to '" + to + "' threw " + ex);
        }
    }

    /**
     * The owner lets go: the entry is cleared (nothing of the request stays reachable) and returned to the pool.
     * Only once the state is done.
     */
    void release()
    {
        address = null;
        request = null;
        replyType = null;
        callback = null;
        pool.release(this);
    }

    @Override
    public String toString()
    {
        return "PendingRequest[" + address + "]";
    }
}
