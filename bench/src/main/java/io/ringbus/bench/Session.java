package io.ringbus.bench;

/**
 * One subject set up for one measurement: the bus, rings, executors or threads it needs, closed afterwards.
 * A subject implements {@link #link} (messages) or {@link #requester} (request/reply), or both.
 * <p>
 * <b>Note:</b> opened, used and closed by one harness thread; the subject's own threads run the receivers.
 */
public interface Session extends AutoCloseable
{
    /**
     * Opens a path from one sender to {@code receivers}.
     *
     * @param topology  how messages reach the receivers.
     * @param receivers at least one; exactly one for {@link Topology#ONE_TO_ONE}.
     * @return the sending end.
     * @throws Exception when the subject cannot set it up.
     */
    default Link link(final Topology topology, final Receiver... receivers) throws Exception
    {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no message path");
    }

    /**
     * Opens a request/reply path whose responder echoes the request.
     *
     * @return the calling end.
     * @throws Exception when the subject cannot set it up.
     */
    default Requester requester() throws Exception
    {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no request/reply path");
    }

    /**
     * Stops every thread the session started and releases what it holds.
     *
     * @throws Exception when the subject fails to stop.
     */
    @Override
    void close() throws Exception;
}
