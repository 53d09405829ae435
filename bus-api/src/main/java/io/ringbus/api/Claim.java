package io.ringbus.api;

/**
 * A slot of a slot-mode topic claimed by the calling thread: write the preallocated {@link #event()}, then
 * {@link #publish()}; {@link #close()} without publishing gives the slot up (subscribers skip it). The
 * Disruptor's {@code next()}/{@code get()}/{@code publish()}, made hard to get wrong: in a try-with-resources block
 * a claim is always either published or given up, so an exception cannot leave the ring stuck on it.
 * <p>
 * A claim is a flyweight the topic reuses (one per publishing thread): nothing is allocated, no value is boxed,
 * no lambda is captured. Keep it short: subscribers wait at a claimed slot until it is published or given up.
 * <p>
 * <b>Note:</b> for the thread that claimed it only, and only until it is published or closed; a thread holds at
 * most one claim per topic at a time.
 *
 * <pre>{@code
 * try (Claim<Quote> claim = quotes.claim())
 * {
 *     Quote q = claim.event();
 *     q.bidMicros = bid;
 *     q.askMicros = ask;
 *     claim.publish();
 * }
 * }</pre>
 *
 * @param <E> type of the preallocated events.
 */
public interface Claim<E> extends AutoCloseable
{
    /**
     * The claimed slot's preallocated event, to overwrite: every field may still hold an older event's value.
     *
     * @return the event.
     * @throws IllegalStateException if the claim was published or closed already.
     */
    E event();

    /**
     * Publish the event to the topic's subscribers (with none, it counts as unrouted).
     *
     * @throws IllegalStateException if the claim was published or closed already.
     */
    void publish();

    /**
     * Give the slot up if it was not published (subscribers skip it); nothing after {@link #publish()}.
     */
    @Override
    void close();
}
