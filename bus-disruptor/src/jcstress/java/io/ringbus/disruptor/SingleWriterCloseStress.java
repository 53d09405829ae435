package io.ringbus.disruptor;

import io.ringbus.api.BackpressurePolicy;
import io.ringbus.api.BusClosedException;
import io.ringbus.api.DestinationStats;
import io.ringbus.api.IdleStrategyKind;
import io.ringbus.api.TopicOptions;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IJ_Result;

import java.time.Duration;

/**
 * A publish to a single-writer topic racing close(). A single-producer claim is a plain write nobody else sees,
 * so the writer stores its claim with a volatile write before it reads the closed flag, and close reads that
 * claim after its fenced flag write: either close sees the claim (so its drain target covers the event), or the
 * writer sees the close and refuses. Results: the writer's outcome (1 accepted, 2 refused with
 * BusClosedException); the drain target close read.
 */
@JCStressTest
@Outcome(id = "1, 0", expect = Expect.ACCEPTABLE, desc = "accepted, and close's drain target covers it")
@Outcome(id = "2, -1", expect = Expect.ACCEPTABLE, desc = "refused before claiming")
@Outcome(id = "2, 0", expect = Expect.ACCEPTABLE, desc = "claimed, saw the close, published a tombstone and refused")
@Outcome(id = "1, -1", expect = Expect.FORBIDDEN, desc = "accepted but invisible to close: silently lost")
@Outcome(expect = Expect.FORBIDDEN, desc = "anything else")
@State
public class SingleWriterCloseStress
{
    private static final BusConfig CONFIG = new BusConfig(
        4, IdleStrategyKind.BACKOFF, 1, (cause, destination, event, handler) -> { }, BackpressurePolicy.WAIT,
        Duration.ofSeconds(1));

    private final Engine engine = new Engine(CONFIG);
    private final RingTopic<Integer> topic = new RingTopic<>(engine, "t", Integer.class, DestinationStats.Kind.TOPIC,
        null, null, TopicOptions.defaults().singleWriter(true));

    @Actor
    public void writer(final IJ_Result r)
    {
        try
        {
            r.r1 = topic.tryOffer(7) ? 1 : 0;
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
        topic.markDrainTarget();
        r.r2 = topic.drainTarget();
    }
}
