package io.ringbus.bench;

/**
 * {@code oneway-inproc}: one-way latency from one producer to one consumer at a fixed rate
 * ({@code bench.rate}), measured from each message's intended send time, so coordinated omission is
 * corrected. Shows what an idle strategy costs when messages arrive spaced out.
 * <p>
 * <b>Note:</b> run by the bench's main thread only.
 */
final class OneWayScenario implements Scenario
{
    static final String ID = "oneway-inproc";

    @Override
    public String id()
    {
        return ID;
    }

    @Override
    public String what()
    {
        return "one-way latency, 1 producer to 1 consumer at a fixed rate, from the intended send time (coordinated " +
            "omission corrected; HdrHistogram, ns; lower is better)";
    }

    @Override
    public Result measure(final Run run, final Subject subject) throws Exception
    {
        try (Session session = subject.open(run.options().size()))
        {
            return LatencyHarness.oneWay(session, run.options(), ID, subject);
        }
    }
}
