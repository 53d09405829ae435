package io.ringbus.patterns.store;

/**
 * An append's expected version did not match the stream: somebody else appended first. Reload the stream,
 * decide again and retry with the new version.
 * <p>
 * <b>Note:</b> immutable once thrown.
 */
public final class ConcurrencyException extends EventStoreException
{
    private static final long serialVersionUID = 1L;

    private final String streamId;
    private final long expectedVersion;
    private final long actualVersion;

    /**
     * @param streamId        the stream.
     * @param expectedVersion what the append expected.
     * @param actualVersion   the stream's version, {@link ExpectedVersion#NO_STREAM} when it has no event.
     */
    public ConcurrencyException(final String streamId, final long expectedVersion, final long actualVersion)
    {
        super("stream '" + streamId + "': expected version " + ExpectedVersion.describe(expectedVersion) +
            " but it is at " + ExpectedVersion.describe(actualVersion));
        this.streamId = streamId;
        this.expectedVersion = expectedVersion;
        this.actualVersion = actualVersion;
    }

    /**
     * @return the stream appended to.
     */
    public String streamId()
    {
        return streamId;
    }

    /**
     * @return the version the append expected.
     */
    public long expectedVersion()
    {
        return expectedVersion;
    }

    /**
     * @return the version the stream was at.
     */
    public long actualVersion()
    {
        return actualVersion;
    }
}
