package io.ringbus.disruptor;

import io.ringbus.api.BackpressurePolicy;
import io.ringbus.api.DestinationStats;
import io.ringbus.api.IdleStrategyKind;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import java.time.Duration;

/**
 * Dependency ordering: two published events, an upstream subscriber whose handler stamps each event, and a
 * downstream subscriber made {@code after} it, each polling on its own thread. The downstream must never see
 * an event before the upstream's handler has finished with it.
 * Results: events the downstream saw; how many of those carried the upstream's stamp.
 */
@JCStressTest
@Outcome(id = "0, 0", expect = Expect.ACCEPTABLE, desc = "downstream polled before the upstream handled anything")
@Outcome(id = {"1, 1", "2, 2"}, expect = Expect.ACCEPTABLE, desc = "downstream saw only events the upstream stamped")
@Outcome(id = {"1, 0", "2, 0", "2, 1"}, expect = Expect.FORBIDDEN,
    desc = "downstream saw an event before the upstream finished it")
@Outcome(expect = Expect.FORBIDDEN, desc = "anything else")
@State
public class AfterGateStress
{
    private static final BusConfig CONFIG = new BusConfig(
        4, IdleStrategyKind.BACKOFF, 1, (cause, destination, event, handler) -> { }, BackpressurePolicy.WAIT,
        Duration.ofSeconds(1));

    static final class Box
    {
        int stamp;
    }

    private final Engine engine = new Engine(CONFIG);
    private final RingTopic<Box> topic = new RingTopic<>(engine, "t", Box.class, DestinationStats.Kind.TOPIC);
    private final TopicSubscriber upstream = new TopicSubscriber(
        topic, (Box b) -> b.stamp = 1, new Dispatcher("up", false, IdleStrategyKind.BACKOFF, engine.errors), "t");
    private final TopicSubscriber downstream;
    private int seen;
    private int stamped;

    public AfterGateStress()
    {
        upstream.attach();
        downstream = new TopicSubscriber(
            topic,
            (Box b) ->
            {
                seen++;
                stamped += b.stamp;
            },
            new Dispatcher("down", false, IdleStrategyKind.BACKOFF, engine.errors), "t",
            new TopicSubscriber[] {upstream}, null);
        downstream.attach();
        topic.tryPublish(new Box());
        topic.tryPublish(new Box());
    }

    @Actor
    public void upstream()
    {
        upstream.poll();
    }

    @Actor
    public void downstream(final II_Result r)
    {
        downstream.poll();
        r.r1 = seen;
        r.r2 = stamped;
    }
}
