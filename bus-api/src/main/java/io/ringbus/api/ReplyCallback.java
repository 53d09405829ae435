package io.ringbus.api;

/**
 * Receives the outcome of a request made with
 * {@link Bus#request(String, Object, Class, java.time.Duration, ReplyCallback)}: the allocation-free form of
 * request/reply, for hot paths. One callback object may serve any number of requests: the bus keeps no
 * reference to it once it has been called.
 * <p>
 * Called exactly once per request, with either a reply or a failure: a
 * {@link java.util.concurrent.TimeoutException} after the timeout, a {@link NoResponderException} when nobody
 * responds at the address, a {@link BusClosedException} when the bus closes first, or what the responder threw.
 * <p>
 * <b>Note:</b> called on a responder's dispatcher thread (reply, responder failure), on the bus's timer thread
 * (timeout) or on the requesting thread (no responder, bus closed, address full): return quickly and never
 * block. An exception it throws is reported and otherwise ignored.
 *
 * <pre>{@code
 * ReplyCallback<String> onStatus = (status, failure) -> statuses.add(failure == null ? status : "unknown");
 * bus.request("order.status", "order-1", String.class, Duration.ofSeconds(1), onStatus);
 * }</pre>
 *
 * @param <R> type of the reply.
 */
@FunctionalInterface
public interface ReplyCallback<R>
{
    /**
     * The outcome of one request: exactly one of the arguments is not {@code null}.
     *
     * @param reply   the responder's reply, or {@code null} if the request failed.
     * @param failure why the request failed, or {@code null} if it got a reply.
     */
    void onReply(R reply, Throwable failure);
}
