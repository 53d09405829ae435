package io.ringbus.api;

/**
 * Thrown when a handler publishes into a full ring that its own dispatcher thread drains. Waiting would
 * deadlock, since the only thread that can free a slot is the one waiting; the bus fails the call instead.
 * Give the inner destination more capacity, use {@code tryPublish}, or subscribe with a dedicated thread.
 * <p>
 * Only the thread's own rings are detected: two handlers on different dispatcher threads that each wait on a
 * full ring the other drains still wait on each other.
 * <p>
 * <b>Note:</b> thrown to the handler that published.
 */
public class ReentrantPublishException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message names the destination and the thread.
     */
    public ReentrantPublishException(final String message)
    {
        super(message);
    }
}
