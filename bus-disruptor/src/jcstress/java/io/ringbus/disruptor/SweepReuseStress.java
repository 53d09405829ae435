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
 * The timer's sweep holds no reference to a correlation entry: it reads the state, then the fields, and a CAS
 * on that state validates what it read. Here it races an owner that answers a due request, returns the entry
 * to the pool, takes it back and fills it for a second request that is not due. The first request gets exactly
 * one outcome; the second must get none (a timeout delivered to it would mean the sweep mixed the uses).
 * Results: replies to the first; timeouts to the first; calls to the second; the second still pending (1/0).
 */
@JCStressTest
@Outcome(id = {"1, 0, 0, 1", "0, 1, 0, 1"}, expect = Expect.ACCEPTABLE, desc = "one outcome for the first use only")
@Outcome(expect = Expect.FORBIDDEN, desc = "an outcome lost, doubled, or delivered to the wrong use")
@State
public class SweepReuseStress
{
    private final RequestPool pool = new RequestPool(new ErrorReporter((c, d, e, h) -> { }), 4);
    private final AtomicInteger firstReplies = new AtomicInteger();
    private final AtomicInteger firstTimeouts = new AtomicInteger();
    private final AtomicInteger secondCalls = new AtomicInteger();
    private final PendingRequest entry = pool.acquire();

    public SweepReuseStress()
    {
        entry.init("first", "q1", String.class, (reply, failure) ->
        {
            if (failure instanceof TimeoutException)
            {
                firstTimeouts.incrementAndGet();
            }
            else
            {
                firstReplies.incrementAndGet();
            }
        }, 0, 1);
    }

    @Actor
    public void ownerAnswersAndReuses()
    {
        final long ticket = entry.ticket();
        if (PendingRequest.isPending(ticket))
        {
            entry.complete(ticket, "reply", null);
        }
        entry.release();
        final PendingRequest again = pool.acquire();
        again.init("second", "q2", String.class, (reply, failure) -> secondCalls.incrementAndGet(), 1_000, 1_000);
    }

    @Actor
    public void timer()
    {
        entry.sweep(10);
    }

    @Arbiter
    public void arbiter(final IIII_Result r)
    {
        r.r1 = firstReplies.get();
        r.r2 = firstTimeouts.get();
        r.r3 = secondCalls.get();
        r.r4 = PendingRequest.isPending(entry.ticket()) && pool.free() == 0 ? 1 : 0;
    }
}
