package io.ringbus.api;

/**
 * Answers requests sent to an address with {@link Bus#request}.
 * <p>
 * Several responders on one address compete like queue consumers: each request is answered by exactly one.
 * A thrown exception completes the requester's future exceptionally with that exception.
 * <p>
 * <b>Note:</b> one responder registration is never called concurrently with itself.
 *
 * <pre>{@code
 * bus.respond("order.status", String.class, orderId -> statuses.get(orderId));
 * }</pre>
 *
 * @param <Q> type of the request.
 * @param <R> type of the reply.
 */
@FunctionalInterface
public interface Responder<Q, R>
{
    /**
     * Answer one request.
     *
     * @param request the request, never {@code null}.
     * @return the reply, which must not be {@code null}.
     * @throws Exception to fail the request; the requester sees this exception.
     */
    R respond(Q request) throws Exception;
}
