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
 * responders compete and each request is answered once. Timeouts are held by the bus's timer.
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

    ResponderAddress(final Engine engine, final RequestPool pool, final String address, final Class<?> requestType)
    {
        this.engine = engine;
        this.pool = pool;
        this.address = address;
        this.requestType = requestType;
        this.queue = new RingQueue<>(
            engine, address, PendingRequest.class, DestinationStats.Kind.ADDRESS, QueueOptions.defaults(), null);
    }

    @SuppressWarnings("unchecked")
    Registration respond(final Responder<?, ?> responder)
    {
        final Responder<Object, Object> r = (Responder<Object, Object>)responder;
        final Subscription consumer = queue.consume(pending -> answer(pending, r));
        return consumer::close;
    }

    private void answer(final PendingRequest pending, final Responder<Object, Object> responder)
    {
        try
        {
            if (!pending.isLive())
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
                finish(pending, null, ex);
                return;
            }
            if (answer == null)
            {
                finish(pending, null, new NullPointerException("the responder at '" + address + "' returned null"));
            }
            else if (!pending.replyType.isInstance(answer))
            {
                finish(pending, null, new ClassCastException(
                    "the responder at '" + address + "' replied with " + answer.getClass().getName() +
                    " where the request asked for " + pending.replyType.getName()));
            }
            else
            {
                finish(pending, answer, null);
            }
        }
        finally
        {
            pending.release();
        }
    }

    /**
     * Deliver an outcome from outside the timer, and tell the timer to drop the timeout.
     */
    private void finish(final PendingRequest pending, final Object reply, final Throwable failure)
    {
        if (pending.complete(reply, failure))
        {
            engine.timer().submit(pending);
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
        pending.init(address, request, replyType, callback, engine.config.clock().nanoTime() + timeoutNanos, timeoutNanos);
        // Armed before it can reach a responder, so that the responder's notice always comes after the arm.
        engine.timer().submit(pending);
        Throwable failure = null;
        try
        {
            // A full address waits for space within the request's own timeout, never longer.
            if (!queue.offer(pending, System.nanoTime() + timeoutNanos))
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
            finish(pending, null, failure);
            pending.release(); // the responder side never got it
        }
    }
}
