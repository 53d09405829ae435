package io.ringbus.disruptor;

import io.ringbus.api.DestinationStats;
import io.ringbus.api.Registration;
import io.ringbus.api.Responder;
import io.ringbus.api.Subscription;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A request/reply address: a queue of {@link PendingRequest}s whose consumers are the responders, so several
 * responders compete and each request is answered once.
 * <p>
 * <b>Note:</b> thread-safe.
 */
final class ResponderAddress
{
    final String address;
    final Class<?> requestType;
    final RingQueue<PendingRequest> queue;

    ResponderAddress(final Engine engine, final String address, final Class<?> requestType)
    {
        this.address = address;
        this.requestType = requestType;
        this.queue = new RingQueue<>(engine, address, PendingRequest.class, DestinationStats.Kind.ADDRESS);
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
        final CompletableFuture<Object> reply = pending.reply();
        if (reply.isDone())
        {
            return; // timed out while queued: nobody is waiting for the answer
        }
        final Object answer;
        try
        {
            answer = responder.respond(pending.request());
        }
        catch (final Throwable ex)
        {
            reply.completeExceptionally(ex);
            return;
        }
        if (answer == null)
        {
            reply.completeExceptionally(
                new NullPointerException("the responder at '" + address + "' returned null"));
        }
        else if (!pending.replyType().isInstance(answer))
        {
            reply.completeExceptionally(new ClassCastException(
                "the responder at '" + address + "' replied with " + answer.getClass().getName() +
                " where the request asked for " + pending.replyType().getName()));
        }
        else
        {
            reply.complete(answer);
        }
    }

    @SuppressWarnings("unchecked")
    <R> CompletableFuture<R> request(final Object request, final Class<R> replyType, final long timeoutNanos)
    {
        if (!requestType.isInstance(request))
        {
            throw new IllegalArgumentException("request of " + request.getClass().getName() + " sent to address '" +
                address + "', whose responders take " + requestType.getName());
        }
        final long deadline = System.nanoTime() + timeoutNanos;
        final CompletableFuture<Object> reply = new CompletableFuture<>();
        reply.orTimeout(timeoutNanos, TimeUnit.NANOSECONDS);
        try
        {
            // A full address waits for space within the request's own timeout, never longer.
            if (!queue.offer(new PendingRequest(request, reply, Objects.requireNonNull(replyType, "replyType")), deadline))
            {
                reply.completeExceptionally(new TimeoutException(
                    "address '" + address + "' stayed full for the whole request timeout"));
            }
        }
        catch (final RuntimeException ex)
        {
            reply.completeExceptionally(ex);
        }
        return (CompletableFuture<R>)reply;
    }
}
