package io.ringbus.disruptor;

import io.ringbus.api.BackpressurePolicy;
import io.ringbus.api.BusClosedException;
import io.ringbus.api.DestinationStats;
import io.ringbus.api.IdleStrategyKind;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IJ_Result;

import java.time.Duration;

/**
 * A send racing close(): either close sees the sender's claim (so the drain waits for that message), or the
 * sender sees the close and refuses. An accepted message that close did not see would be lost silently.
 * Results: the sender's outcome (1 accepted, 2 refused with BusClosedException); the cursor close read.
 */
@JCStressTest
@Outcome(id = "1, 0", expect = Expect.ACCEPTABLE, desc = "accepted, and close saw it")
@Outcome(id = "2, -1", expect = Expect.ACCEPTABLE, desc = "refused before claiming")
@Outcome(id = "2, 0", expect = Expect.ACCEPTABLE, desc = "claimed, saw the close, published a tombstone and refused")
@Outcome(id = "1, -1", expect = Expect.FORBIDDEN, desc = "accepted but invisible to close: silently lost")
@Outcome(expect = Expect.FORBIDDEN, desc = "anything else")
@State
public class CloseRaceStress
{
    private static final BusConfig CONFIG = new BusConfig(
        4, IdleStrategyKind.BACKOFF, 1, (cause, destination, event, handler) -> { }, BackpressurePolicy.WAIT,
        Duration.ofSeconds(1));

    private final Engine engine = new Engine(CONFIG);
    private final RingQueue<Integer> queue = new RingQueue<>(engine, "q", Integer.class, DestinationStats.Kind.QUEUE);

    @Actor
    public void sender(final IJ_Result r)
    {
        try
        {
            r.r1 = queue.trySend(7) ? 1 : 0;
        }
        catch (final BusClosedException ex)
        {
            r.r1 = 2;
        }
    }

    @Actor
    public void closer(final IJ_Result r)
    {
        engine.markClosed();
        r.r2 = queue.ring.getCursor();
    }
}
