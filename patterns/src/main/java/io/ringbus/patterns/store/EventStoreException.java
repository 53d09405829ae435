package io.ringbus.patterns.store;

/**
 * Something the event store could not do: the base of its exceptions.
 * <p>
 * <b>Note:</b> immutable once thrown.
 */
public class EventStoreException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong.
     */
    public EventStoreException(final String message)
    {
        super(message);
    }

    /**
     * @param message what went wrong.
     * @param cause   the underlying failure.
     */
    public EventStoreException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
