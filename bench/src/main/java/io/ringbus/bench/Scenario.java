package io.ringbus.bench;

/**
 * One kind of measurement (the scenarios of {@code BENCHMARKS.md}): measures each subject registered for it,
 * one after another, and adds a {@link Result} per subject to the run. Registered in {@link ScenarioRegistry}.
 * <p>
 * <b>Note:</b> run by the bench's main thread only.
 */
interface Scenario
{
    /**
     * @return the id used in reports and {@code -Dbench.scenarios}, e.g. {@code rtt-inproc}.
     */
    String id();

    /**
     * @return one line saying what is measured and how (threads, strategy, unit).
     */
    String what();

    /**
     * Measures one subject.
     *
     * @param run     the run: options, progress, report folder.
     * @param subject the subject.
     * @return its result.
     * @throws Exception when the subject fails; the run records it and goes on.
     */
    Result measure(Run run, Subject subject) throws Exception;

    /**
     * Whether this scenario compares Ringbus with peers (BENCHMARKS.md's table); {@code delay} and {@code journal}
     * measure Ringbus alone against its own promises (never early; fsync costs on this disk).
     *
     * @return true when the scenario must have a peer.
     */
    default boolean hasPeers()
    {
        return true;
    }

    /**
     * The subject every other subject of a scenario without peers is divided by in the report (e.g. one topic for
     * the many-topics scenario); empty for none.
     *
     * @return a subject id, or an empty string.
     */
    default String baseline()
    {
        return "";
    }

    /**
     * Why nothing is measured yet, for a scenario whose subjects do not exist yet; otherwise empty.
     *
     * @return the reason, or an empty string.
     */
    default String notYetMeasured()
    {
        return "";
    }
}
