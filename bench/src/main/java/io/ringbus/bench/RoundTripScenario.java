package io.ringbus.bench;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
    /** How many times a starved round trip is measured in all before it is reported as unreliable. */
    static final int ATTEMPTS = 3;

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

    /**
     * Measures the round trip; a starved one (fewer round trips than {@link Goals#fewSamples} asks: its threads were
     * descheduled) is measured again in a fresh session, recording twice as long each time, up to
     * {@link #ATTEMPTS} attempts in all (smoke mode, whose numbers mean nothing, makes one). Only a round trip still
     * starved after that is reported, marked unreliable (the goals then count it as not measured).
     */
    @Override
    public Result measure(final Run run, final Subject subject) throws Exception
    {
        double seconds = run.options().durationSeconds();
        final int attempts = run.options().mode() == Mode.SMOKE ? 1 : ATTEMPTS;
        final List<String> starved = new ArrayList<>();
        while (true)
        {
            final Histogram histogram = measure(run, subject, seconds);
            final String few = Goals.fewSamples(histogram.getTotalCount(), seconds);
            if (few.isEmpty() || starved.size() + 1 >= attempts)
            {
                final String retried = starved.isEmpty() ? "" :
                    "measured again after " + starved.size() + " starved attempt(s) (" + String.join("; ", starved) +
                    ")";
                return new Result.Latency(id, subject.id(), subject.idle(), subject.ringbus(), histogram,
                    join(join(subject.note(), few), retried));
            }
            starved.add(String.format(Locale.ROOT, "%,d round trips in %s s", histogram.getTotalCount(), seconds));
            seconds *= 2;
        }
    }

    private Histogram measure(final Run run, final Subject subject, final double seconds) throws Exception
    {
        // A fresh session each time: the threads of a starved one must not compete with the next attempt.
        try (Session session = subject.open(run.options().size()))
        {
            return subject.requestReply() ?
                LatencyHarness.requests(session.requester(), run.options(), seconds) :
                LatencyHarness.pingPong(session, run.options(), seconds);
        }
    }

    private static String join(final String a, final String b)
    {
        return a.isEmpty() ? b : b.isEmpty() ? a : a + "; " + b;
    }
}
