package io.ringbus.bench;

/**
 * Something measured: a Ringbus path or a peer, with one idle/wait strategy. One small class each; it is
 * registered, with the scenarios it takes part in, by one line in {@link SubjectRegistry}.
 * <p>
 * <b>Note:</b> implementations are stateless factories, safe to share; the state lives in {@link Session}.
 *
 * @see SubjectRegistry
 */
public interface Subject
{
    /**
     * The id shown in reports and accepted by {@code -Dbench.subjects}: {@code name/idle}, e.g.
     * {@code disruptor/busy-spin}.
     *
     * @return the id, unique in the registry.
     */
    default String id()
    {
        return name() + "/" + idle();
    }

    /**
     * The subject without its strategy, e.g. {@code ringbus-topic} or {@code guava-async}.
     *
     * @return the name.
     */
    String name();

    /**
     * How its consumer threads wait: {@code busy-spin}, {@code yielding}, {@code blocking}, {@code backoff}, or
     * what the library does ({@code executor}, {@code event-loop}).
     *
     * @return the idle strategy as shown in the reports.
     */
    String idle();

    /**
     * Whether this is Ringbus (a row of the ratio tables) rather than a peer (a column).
     *
     * @return true for Ringbus subjects.
     */
    default boolean ringbus()
    {
        return name().startsWith("ringbus");
    }

    /**
     * Whether this subject is measured through {@link Session#requester()} (request/reply) rather than
     * {@link Session#link} (messages).
     *
     * @return true for request/reply subjects.
     */
    default boolean requestReply()
    {
        return false;
    }

    /**
     * What a reader of the results must know about how this subject waits that its id does not say (e.g. a
     * request/reply caller that parks on a future), shown in the note column of latency results.
     *
     * @return a short note, or an empty string.
     */
    default String note()
    {
        return "";
    }

    /**
     * Sets the subject up.
     *
     * @return a fresh session, closed by the caller.
     * @throws Exception when it cannot be set up.
     */
    Session open() throws Exception;

    /**
     * Sets the subject up for messages of {@code size} payload bytes. Subjects that pass a reference ignore the
     * size; those that copy the payload (slot mode, IPC) override this to size their preallocated slots and
     * buffers. The scenarios and the JMH benchmarks call this form.
     *
     * @param size payload bytes of the harness's messages.
     * @return a fresh session, closed by the caller.
     * @throws Exception when it cannot be set up.
     */
    default Session open(final int size) throws Exception
    {
        return open();
    }
}
