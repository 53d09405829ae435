package io.ringbus.api;

/**
 * Thrown by {@code publish} or {@code send} when the destination's ring is full and the bus's policy is
 * {@link BackpressurePolicy#FAIL}. Use {@code tryPublish}/{@code trySend} to treat a full ring as a value.
 * <p>
 * <b>Note:</b> thrown to the publishing thread.
 */
public class BackpressureException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message names the destination and its capacity.
     */
    public BackpressureException(final String message)
    {
        super(message);
    }
}
