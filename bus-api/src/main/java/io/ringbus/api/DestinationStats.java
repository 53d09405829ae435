package io.ringbus.api;

/**
 * Counters of one destination at the moment {@link Bus#stats()} was called.
 * <p>
 * For a queue, every accepted message ends exactly once as handled or dead-lettered, so
 * {@code published = delivered + deadLettered + depth + delayed} once no message is in a handler's hands
 * ({@code failures} counts failed attempts, each followed by a retry or a dead letter:
 * {@code failures = retries + deadLettered}).
 * <p>
 * <b>Note:</b> immutable, so thread-safe.
 *
 * @param name        the destination's name (the class name for type-addressed events).
 * @param kind        what the destination is.
 * @param type        the class of events it carries.
 * @param capacity    ring size in events.
 * @param published   events accepted; for a queue, delayed messages count when accepted (a cancelled one is
 *                    taken off again) and retries do not count again.
 * @param delivered   handler calls that returned normally, summed over subscribers.
 * @param failures    handler calls that threw, summed over subscribers.
 * @param depth       events accepted but not yet handled by the slowest consumer (for a queue, summed over its
 *                    priority lanes).
 * @param subscribers subscriptions or consumers attached now.
 * @param unrouted    events published to a topic while it had no subscriber; for a dead-letter queue, dead
 *                    letters it dropped because it was full and had no consumer (each also reported).
 * @param retries     queue messages whose attempt failed and that were scheduled for another attempt.
 * @param deadLettered queue messages whose last attempt failed, handed to the dead-letter queue.
 * @param delayed     queue messages waiting for their time: delayed sends not yet due and retries waiting for
 *                    their backoff, or for a dead-letter queue, dead letters waiting for room (after close: those
 *                    lost to it, each reported).
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
    long unrouted,
    long retries,
    long deadLettered,
    long delayed)
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
