package io.ringbus.api;

/**
 * Thrown by publish, send, subscribe and request calls made once {@link Bus#close()} has begun, and to
 * publishers that were waiting for space when the bus closed.
 * <p>
 * <b>Note:</b> thrown to the calling thread; a request on a closed bus gets a future failed with it instead.
 */
public class BusClosedException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message says which call was refused.
     */
    public BusClosedException(final String message)
    {
        super(message);
    }
}
