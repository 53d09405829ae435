package io.ringbus.bench;

import org.HdrHistogram.Histogram;

/**
 * {@code rtt-inproc}: ping-pong round trip between two threads, with the latency harness. Message subjects
 * run two links (ping, pong), each received on a thread of the subject; request/reply subjects are called
 * from the harness thread, which waits for the reply as the subject's note says.
 * <p>
 * <b>Note:</b> run by the bench's main thread only.
 */
final class RoundTripScenario implements Scenario
{
    static final String ID = "rtt-inproc";

    private final String id;
    private final String what;

    /** {@code rtt-inproc}. */
    RoundTripScenario()
    {
        this(ID, "ping-pong round trip between two threads (HdrHistogram, ns; lower is better). Message subjects: the " +
            "pong receiver thread records and sends the next ping. Request/reply subjects: the harness thread calls and " +
            "waits as the note says");
    }

    /** Another round-trip scenario (e.g. between processes), whose subjects are all request/reply subjects. */
    RoundTripScenario(final String id, final String what)
    {
        this.id = id;
        this.what = what;
    }

    @Override
    public String id()
    {
        return id;
    }

    @Override
    public String what()
    {
        return what;
    }

    @Override
    public Result measure(final Run run, final Subject subject) throws Exception
    {
        try (Session session = subject.open(run.options().size()))
        {
            final Histogram histogram = subject.requestReply() ?
                LatencyHarness.requests(session.requester(), run.options()) :
                LatencyHarness.pingPong(session, run.options());
            final String note = subject.note();
            return new Result.Latency(id, subject.id(), subject.idle(), subject.ringbus(), histogram,
                join(note, Goals.fewSamples(histogram.getTotalCount(), run.options().durationSeconds())));
        }
    }

    private static String join(final String a, final String b)
    {
        return a.isEmpty() ? b : b.isEmpty() ? a : a + "; " + b;
    }
}
