package io.ringbus.api;

/**
 * Receives events from a topic, a queue or a type-addressed subscription.
 * <p>
 * An exception thrown here never stops the dispatcher that called it: for a topic it goes to the bus's
 * {@link ErrorHandler} and the subscription goes on; for a queue it counts as a failed delivery.
 * <p>
 * <b>Note:</b> the bus never calls one subscription's handler concurrently with itself, so a handler that is
 * used by one subscription needs no synchronisation of its own. A handler shared by several subscriptions
 * may be called from several threads.
 *
 * <pre>{@code
 * Subscription s = bus.topic("prices", Price.class).subscribe(p -> book.update(p));
 * }</pre>
 *
 * @param <E> type of the event received.
 */
@FunctionalInterface
public interface Handler<E>
{
    /**
     * Handle one event.
     *
     * @param event the event, never {@code null}.
     * @throws Exception to report a failure to the bus, which counts it and goes on.
     */
    void onEvent(E event) throws Exception;
}
