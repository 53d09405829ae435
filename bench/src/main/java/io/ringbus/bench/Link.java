package io.ringbus.bench;

/**
 * The sending end of one path through a subject (a ring, a queue, an event bus address), opened by
 * {@link Session#link(Topology, Receiver...)}.
 * <p>
 * <b>Note:</b> one sending thread at a time; the receivers run on the subject's threads.
 */
@FunctionalInterface
public interface Link
{
    /**
     * Hands {@code msg} to the subject, waiting as the subject does when it is full.
     *
     * @param msg the message; the sender does not change it until the receivers have seen it.
     * @throws Exception whatever the subject throws.
     */
    void send(Msg msg) throws Exception;
}
