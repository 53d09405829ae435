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
     * Sets the subject up.
     *
     * @return a fresh session, closed by the caller.
     * @throws Exception when it cannot be set up.
     */
    Session open() throws Exception;
}
