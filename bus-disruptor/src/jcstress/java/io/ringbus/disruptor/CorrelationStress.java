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
 * and the entry goes back to its pool exactly once. The responder side follows {@link ResponderAddress}: it
 * completes with the ticket it read, then lets go, whoever won. The timer side is the sweep of a due entry,
 * which holds no reference and lets go of nothing.
 * Results: reply delivered (1/0); timeout delivered (1/0); callback calls; entries back in the pool.
 */
@JCStressTest
@Outcome(id = {"1, 0, 1, 1", "0, 1, 1, 1"}, expect = Expect.ACCEPTABLE, desc = "one outcome, entry returned once")
@Outcome(expect = Expect.FORBIDDEN, desc = "no outcome, two outcomes, or the entry lost or returned twice")
@State
public class CorrelationStress
{
    private final RequestPool pool = new RequestPool(new ErrorReporter((c, d, e, h) -> { }), 4);
    private final AtomicInteger replies = new AtomicInteger();
    private final AtomicInteger timeouts = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();
    private final PendingRequest entry = pool.acquire();

    public CorrelationStress()
    {
        entry.init("address", "request", String.class, (reply, failure) ->
        {
            calls.incrementAndGet();
            if (failure instanceof TimeoutException)
            {
                timeouts.incrementAndGet();
            }
            else if (failure == null && "reply".equals(reply))
            {
                replies.incrementAndGet();
            }
        }, 0, 1);
    }

    @Actor
    public void responder()
    {
        final long ticket = entry.ticket();
        if (PendingRequest.isPending(ticket))
        {
            entry.complete(ticket, "reply", null);
        }
        entry.release();
    }

    @Actor
    public void timer()
    {
        entry.sweep(10);
    }

    @Arbiter
    public void arbiter(final IIII_Result r)
    {
        r.r1 = replies.get();
        r.r2 = timeouts.get();
        r.r3 = calls.get();
        r.r4 = pool.free();
    }
}
