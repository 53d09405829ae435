package io.ringbus.disruptor;

import io.ringbus.api.DestinationStats;
import io.ringbus.api.QueueOptions;
import io.ringbus.api.Registration;
import io.ringbus.api.ReplyCallback;
import io.ringbus.api.Responder;
import io.ringbus.api.Subscription;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * A request/reply address: a queue of {@link PendingRequest}s whose consumers are the responders, so several
 * responders compete and each request is answered once. A responder runs on its dispatcher thread and calls the
 * requester's callback there, at once: a reply is one hop through the address's ring. Timeouts are swept by the
 * bus's timer (see {@link TimerAgent}), which a request only has to tell when its deadline is the earliest.
 * <p>
 * <b>Note:</b> thread-safe.
 */
final class ResponderAddress
{
    final String address;
    final Class<?> requestType;
    final RingQueue<PendingRequest> queue;
    private final Engine engine;
    private final RequestPool pool;
    private final TimerAgent timer;

    ResponderAddress(final Engine engine, final RequestPool pool, final String address, final Class<?> requestType)
    {
        this.engine = engine;
        this.pool = pool;
        this.timer = engine.timer();
        this.address = address;
        this.requestType = requestType;
        this.queue = new RingQueue<>(
            engine, address, PendingRequest.class, DestinationStats.Kind.ADDRESS, QueueOptions.defaults(), null);
    }

    /**
     * The type every reply is known to have: the one typed responders declared, {@code null} once any responder
     * without a declared type answers here (its replies could be anything).
     */
    private volatile Class<?> knownReplyType;
    /** Under this object's lock: a responder without a declared reply type has registered. */
    private boolean untyped;

    /**
     * @return the type every reply has, or {@code null} if that is not known.
     */
    Class<?> knownReplyType()
    {
        return knownReplyType;
    }

    /**
     * @param replyType the type its replies have, or {@code null} if not declared.
     * @throws IllegalArgumentException if typed responders here declared another reply type.
     */
    @SuppressWarnings("unchecked")
    Registration respond(final Responder<?, ?> responder, final Class<?> replyType)
    {
        synchronized (this)
        {
            final Class<?> known = knownReplyType;
            if (replyType != null && known != null && known != replyType)
            {
                throw new IllegalArgumentException("address '" + address + "' is answered with replies of " +
                    known.getName() + ", not " + replyType.getName());
            }
            untyped |= replyType == null;
            knownReplyType = untyped ? null : replyType;
        }
        final Responder<Object, Object> r = (Responder<Object, Object>)responder;
        final Subscription consumer = queue.consume(pending -> answer(pending, r));
        return consumer::close;
    }

    private void answer(final PendingRequest pending, final Responder<Object, Object> responder)
    {
        final long ticket = pending.ticket();
        try
        {
            if (!PendingRequest.isPending(ticket))
            {
                return; // timed out while queued: nobody is waiting for the answer
            }
            final Object answer;
            try
            {
                answer = responder.respond(pending.request);
            }
            catch (final Throwable ex)
            {
                pending.complete(ticket, null, ex);
                return;
            }
            if (answer == null)
            {
                pending.complete(
                    ticket, null, new NullPointerException("the responder at '" + address + "' returned null"));
            }
            else if (!pending.replyType.isInstance(answer))
            {
                pending.complete(ticket, null, new ClassCastException(
                    "the responder at '" + address + "' replied with " + answer.getClass().getName() +
                    " where the request asked for " + pending.replyType.getName()));
            }
            else
            {
                pending.complete(ticket, answer, null);
            }
        }
        finally
        {
            pending.release();
        }
    }

    void request(
        final Object request, final Class<?> replyType, final long timeoutNanos, final ReplyCallback<Object> callback)
    {
        if (!requestType.isInstance(request))
        {
            throw new IllegalArgumentException("request of " + request.getClass().getName() + " sent to address '" +
                address + "', whose responders take " + requestType.getName());
        }
        final PendingRequest pending = pool.acquire();
        final long deadline = engine.config.clock().nanoTime() + timeoutNanos;
        final long ticket = pending.init(address, request, replyType, callback, deadline, timeoutNanos);
        Throwable failure = null;
        try
        {
            // A full address waits for space within the request's own timeout, never longer; the clock is read
            // for that only when it is full.
            if (!queue.tryOffer(pending) && !queue.offer(pending, System.nanoTime() + timeoutNanos))
            {
                failure = new TimeoutException("address '" + address + "' stayed full for the whole request timeout of " +
                    Duration.ofNanos(timeoutNanos));
            }
        }
        catch (final RuntimeException ex)
        {
            failure = ex;
        }
        if (failure != null)
        {
            pending.complete(ticket, null, failure);
            pending.release(); // the responder side never got it
            return;
        }
        // After the hand-over, off the responder's path; the entry may be answered and reused already, which
        // does not matter: this only makes sure a sweep comes by the deadline (see TimerAgent).
        timer.sweepBy(deadline);
    }
}
