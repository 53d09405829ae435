package io.ringbus.disruptor;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import java.util.concurrent.TimeUnit;

/**
 * A requester plans the first request sweep while the timer agent, with nothing to do, gets ready to park: the
 * requester lowers {@code sweepDue} by CAS, then reads the agent's parked flag; the agent raises the flag,
 * fences, then reads {@code sweepDue} to know how long it may park. The agent must never park for its idle
 * bound, unaware of the sweep, while the requester skips the wake-up.
 * Results: agent did not park (0), parks until the sweep (1), parks unaware of it (2); requester unparked it (1/0).
 */
@JCStressTest
@Outcome(id = {"0, 0", "0, 1", "1, 0", "1, 1", "2, 1"}, expect = Expect.ACCEPTABLE, desc = "the sweep is not missed")
@Outcome(id = "2, 0", expect = Expect.FORBIDDEN, desc = "lost wake-up: the agent parks unaware of the sweep")
@State
public class SweepWakeStress
{
    private final TimerAgent agent =
        new TimerAgent(TimerClock.system(), 1L << 20, new ErrorReporter((c, d, e, h) -> { }), 4, 2);
    private final long deadline = System.nanoTime() + TimeUnit.HOURS.toNanos(1);

    @Actor
    public void timerAgent(final II_Result r)
    {
        if (!agent.prepareToPark())
        {
            r.r1 = 0;
            return;
        }
        // What its park reads next (TimerAgent.parkNanos).
        r.r1 = agent.sweepDue() == TimerAgent.NO_SWEEP ? 2 : 1;
    }

    @Actor
    public void requester(final II_Result r)
    {
        r.r2 = agent.lowerSweep(deadline) ? 1 : 0;
    }
}
