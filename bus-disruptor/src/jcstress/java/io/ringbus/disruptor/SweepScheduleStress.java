package io.ringbus.disruptor;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * A request published while the timer sweeps: the requester makes its entry pending, then skips asking for a
 * sweep if one at or before its deadline is planned (as {@link TimerAgent#sweepBy} does, without the thread); the
 * timer empties the plan, sweeps, and plans the earliest deadline it saw. Either the sweep sees the entry or
 * the requester sees that it must ask: the pending request always ends with a sweep planned by its deadline.
 * Results: a sweep planned at or before the deadline (1/0); the requester asked (1) or skipped (0).
 */
@JCStressTest
@Outcome(id = {"1, 0", "1, 1"}, expect = Expect.ACCEPTABLE, desc = "a sweep is planned by the deadline")
@Outcome(id = "0, .*", expect = Expect.FORBIDDEN, desc = "a pending request with no sweep planned by its deadline")
@State
public class SweepScheduleStress
{
    private static final long DEADLINE = 100;

    private final RequestPool pool = new RequestPool(new ErrorReporter((c, d, e, h) -> { }), 4);
    private final TimerAgent agent =
        new TimerAgent(TimerClock.system(), 1, new ErrorReporter((c, d, e, h) -> { }), 4, 2);
    private final PendingRequest entry = pool.acquire();

    public SweepScheduleStress()
    {
        agent.sweeps(pool);
        agent.lowerSweep(50); // a sweep planned before the request's deadline: the requester may skip
    }

    @Actor
    public void requester(final II_Result r)
    {
        entry.init("address", "q", String.class, (reply, failure) -> { }, DEADLINE, DEADLINE);
        if (agent.planned(DEADLINE))
        {
            r.r2 = 0;
        }
        else
        {
            agent.lowerSweep(DEADLINE);
            r.r2 = 1;
        }
    }

    @Actor
    public void timer()
    {
        agent.sweepIfDue(50);
    }

    @Arbiter
    public void arbiter(final II_Result r)
    {
        final long due = agent.sweepDue();
        r.r1 = due != TimerAgent.NO_SWEEP && due <= DEADLINE ? 1 : 0;
    }
}
