package io.ringbus.api;

/**
 * A handler attached to a topic, a topic pattern, a type or a queue.
 * <p>
 * Closing it stops delivery to its handler: once {@link #close()} returns on a thread other than a bus
 * dispatcher, the handler is not called again (a call already under way finishes first). Closing twice is
 * harmless.
 * <p>
 * <b>Note:</b> thread-safe.
 */
public interface Subscription extends AutoCloseable
{
    /**
     * The name or pattern this subscription was made for, as given.
     *
     * @return the name or pattern, or the type name for a type-addressed subscription.
     */
    String destination();

    /**
     * Whether the subscription still receives events.
     *
     * @return {@code true} until it is closed or the bus closes.
     */
    boolean isActive();

    /**
     * Stop delivery to this subscription's handler.
     */
    @Override
    void close();
}
