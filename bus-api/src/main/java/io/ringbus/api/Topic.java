package io.ringbus.api;

/**
 * A named publish/subscribe destination: every subscriber sees every event published after it subscribed,
 * in one total order per topic.
 * <p>
 * <b>Note:</b> thread-safe; any number of threads may publish at once.
 *
 * <pre>{@code
 * Topic<Price> prices = bus.topic("prices.eurusd", Price.class);
 * prices.subscribe(p -> book.update(p));
 * prices.publish(new Price("EURUSD", 1.0842));
 * }</pre>
 *
 * @param <E> type of the events carried.
 */
public interface Topic<E>
{
    /**
     * The topic's name.
     *
     * @return the dot-separated name given when the topic was created.
     */
    String name();

    /**
     * The type of event the topic carries.
     *
     * @return the class given when the topic was created.
     */
    Class<E> type();

    /**
     * Publish to every current subscriber, waiting per the bus's {@link BackpressurePolicy} if the ring is full.
     *
     * @param event to publish, not {@code null}.
     * @throws NullPointerException  if {@code event} is {@code null}.
     * @throws BackpressureException if the ring is full and the policy is {@link BackpressurePolicy#FAIL}.
     * @throws BusClosedException    if the bus is closed or closes while waiting.
     */
    void publish(E event);

    /**
     * Publish without waiting.
     *
     * @param event to publish, not {@code null}.
     * @return {@code true} if accepted, {@code false} if the ring is full.
     * @throws BusClosedException if the bus is closed.
     */
    boolean tryPublish(E event);

    /**
     * Subscribe with the default options: a shared dispatcher thread.
     *
     * @param handler to call for each event.
     * @return the subscription; close it to stop delivery.
     */
    Subscription subscribe(Handler<? super E> handler);

    /**
     * Subscribe with options, for instance a dedicated dispatcher thread.
     *
     * @param handler to call for each event.
     * @param options how to deliver.
     * @return the subscription; close it to stop delivery.
     */
    Subscription subscribe(Handler<? super E> handler, SubscribeOptions options);
}
