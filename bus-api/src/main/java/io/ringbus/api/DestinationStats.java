package io.ringbus.api;

/**
 * Counters of one destination at the moment {@link Bus#stats()} was called.
 * <p>
 * For a queue, {@code published = delivered + failures + depth} once no message is being handled.
 * <p>
 * <b>Note:</b> immutable, so thread-safe.
 *
 * @param name        the destination's name (the class name for type-addressed events).
 * @param kind        what the destination is.
 * @param type        the class of events it carries.
 * @param capacity    ring size in events.
 * @param published   events accepted.
 * @param delivered   handler calls that returned normally, summed over subscribers.
 * @param failures    handler calls that threw, summed over subscribers.
 * @param depth       events accepted but not yet handled by the slowest consumer.
 * @param subscribers subscriptions or consumers attached now.
 * @param unrouted    events published to a topic while it had no subscriber.
 */
public record DestinationStats(
    String name,
    Kind kind,
    String type,
    int capacity,
    long published,
    long delivered,
    long failures,
    long depth,
    int subscribers,
    long unrouted)
{
    /**
     * What a destination is.
     */
    public enum Kind
    {
        /** A named topic. */
        TOPIC,
        /** A named queue. */
        QUEUE,
        /** The implicit topic of a class for {@link Bus#publish(Object)}. */
        TYPE,
        /** A request/reply address. */
        ADDRESS
    }
}
