package io.ringbus.api;

/**
 * Receives events from a topic, a queue or a type-addressed subscription.
 * <p>
 * An exception thrown here never stops the dispatcher that called it: it goes to the bus's {@link ErrorHandler},
 * is counted as a failure, and the subscription or consumer goes on with the next event.
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
