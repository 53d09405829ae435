package io.ringbus.disruptor;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A request's correlation entry raced by its reply and its timeout: exactly one outcome reaches the callback,
 * and the entry goes back to its pool exactly once, after both parties let go. The timer side follows
 * {@link TimerAgent}: it lets go at once if its timeout won, else when the responder's notice comes (here, in
 * the arbiter).
 * Results: reply won (1/0); timeout won (1/0); callback calls; entries back in the pool.
 */
@JCStressTest
@Outcome(id = {"1, 0, 1, 1", "0, 1, 1, 1"}, expect = Expect.ACCEPTABLE, desc = "one outcome, entry returned once")
@Outcome(expect = Expect.FORBIDDEN, desc = "no outcome, two outcomes, or the entry lost or returned twice")
@State
public class CorrelationStress
{
    private static final TimeoutException TIMEOUT = new TimeoutException("timeout");

    private final RequestPool pool = new RequestPool(new ErrorReporter((c, d, e, h) -> { }), 4);
    private final AtomicInteger calls = new AtomicInteger();
    private final PendingRequest entry = pool.acquire();

    public CorrelationStress()
    {
        entry.init("address", "request", String.class, (reply, failure) -> calls.incrementAndGet(), 0, 1);
    }

    @Actor
    public void responder(final IIII_Result r)
    {
        final boolean won = entry.complete("reply", null);
        r.r1 = won ? 1 : 0;
        entry.release();
    }

    @Actor
    public void timer(final IIII_Result r)
    {
        final boolean won = entry.complete(null, TIMEOUT);
        r.r2 = won ? 1 : 0;
        if (won)
        {
            entry.release();
        }
    }

    @Arbiter
    public void arbiter(final IIII_Result r)
    {
        if (r.r1 == 1)
        {
            entry.release(); // the timer processes the responder's notice
        }
        r.r3 = calls.get();
        r.r4 = pool.free();
    }
}
