package io.ringbus.bench;

/**
 * The calling end of a request/reply subject: one call sends a request and waits for its reply.
 * <p>
 * <b>Note:</b> one calling thread at a time.
 */
@FunctionalInterface
public interface Requester
{
    /**
     * Sends {@code msg} as a request and waits for the reply.
     *
     * @param msg the request.
     * @return the reply.
     * @throws Exception a failed or timed-out request.
     */
    Msg call(Msg msg) throws Exception;
}
