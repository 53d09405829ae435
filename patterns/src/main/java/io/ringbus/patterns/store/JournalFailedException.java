package io.ringbus.patterns.store;

/**
 * The journal could not write or sync: the append that sees this was not acknowledged, and the store accepts
 * no more appends (after a failed {@code fsync} the page cache can no longer be trusted). Close the store and
 * open it again: recovery keeps what reached the disk.
 * <p>
 * <b>Note:</b> immutable once thrown.
 */
public final class JournalFailedException extends EventStoreException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed.
     * @param cause   the I/O error.
     */
    public JournalFailedException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
