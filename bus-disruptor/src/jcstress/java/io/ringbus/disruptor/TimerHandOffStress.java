package io.ringbus.disruptor;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * The hand-off from a sender to the timer agent: the sender offers a task to the MPSC queue then reads the
 * agent's parked flag; the agent raises the flag, fences, then looks at the queue. The agent must never park
 * while the sender skips the wake-up, and the task must reach the agent exactly once.
 * Results: agent parks (1) or saw the task (0); sender unparked it (1) or not (0); tasks the agent can poll.
 */
@JCStressTest
@Outcome(id = "0, 0, 1", expect = Expect.ACCEPTABLE, desc = "agent saw the task and stayed awake")
@Outcome(id = "1, 1, 1", expect = Expect.ACCEPTABLE, desc = "agent parks, sender unparks it")
@Outcome(id = "0, 1, 1", expect = Expect.ACCEPTABLE, desc = "agent stayed awake, sender unparked anyway (harmless)")
@Outcome(id = "1, 0, 1", expect = Expect.FORBIDDEN, desc = "lost wake-up: agent parks with a task nobody tells it of")
@Outcome(expect = Expect.FORBIDDEN, desc = "task lost or delivered twice")
@State
public class TimerHandOffStress
{
    private final TimerAgent agent =
        new TimerAgent(TimerClock.system(), 1L << 20, new ErrorReporter((c, d, e, h) -> { }), 4, 2);
    private final Probe task = new Probe();

    static final class Probe extends TimerTask
    {
        @Override
        boolean isLive()
        {
            return true;
        }

        @Override
        Outcome onDeadline(final TimerAgent agent, final long now)
        {
            return Outcome.DONE;
        }

        @Override
        boolean onLost()
        {
            return true;
        }
    }

    @Actor
    public void timerAgent(final III_Result r)
    {
        r.r1 = agent.prepareToPark() ? 1 : 0;
    }

    @Actor
    public void sender(final III_Result r)
    {
        r.r2 = agent.enqueue(task) ? 1 : 0;
    }

    @Arbiter
    public void arbiter(final III_Result r)
    {
        int n = 0;
        TimerTask polled;
        while ((polled = agent.pollCommand()) != null)
        {
            n += polled == task ? 1 : 100;
        }
        r.r3 = n;
    }
}
