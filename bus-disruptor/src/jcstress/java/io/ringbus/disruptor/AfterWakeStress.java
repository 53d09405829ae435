package io.ringbus.disruptor;

import io.ringbus.api.BackpressurePolicy;
import io.ringbus.api.DestinationStats;
import io.ringbus.api.IdleStrategyKind;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import java.time.Duration;

/**
 * The follower wake-up: a downstream subscriber's dispatcher is about to park while its upstream, on another
 * dispatcher, handles the one published event and publishes its progress. The downstream's dispatcher must
 * never stay parked while its upstream has moved on: that is a lost wake-up.
 * Results: the downstream's dispatcher parks (1) or saw the work (0); it was still parked after the upstream
 * finished (1, nobody woke it) or not (0).
 */
@JCStressTest
@Outcome(id = "0, 0", expect = Expect.ACCEPTABLE, desc = "downstream saw the upstream's progress and stayed awake")
@Outcome(id = "1, 0", expect = Expect.ACCEPTABLE, desc = "downstream parked, the upstream woke it")
@Outcome(id = "1, 1", expect = Expect.FORBIDDEN, desc = "lost wake-up: downstream parked and nobody woke it")
@Outcome(expect = Expect.FORBIDDEN, desc = "anything else")
@State
public class AfterWakeStress
{
    private static final BusConfig CONFIG = new BusConfig(
        4, IdleStrategyKind.BACKOFF, 1, (cause, destination, event, handler) -> { }, BackpressurePolicy.WAIT,
        Duration.ofSeconds(1));

    private final Engine engine = new Engine(CONFIG);
    private final RingTopic<Integer> topic = new RingTopic<>(engine, "t", Integer.class, DestinationStats.Kind.TOPIC);
    private final TopicSubscriber upstream = new TopicSubscriber(
        topic, (Integer e) -> { }, new Dispatcher("up", false, IdleStrategyKind.BACKOFF, engine.errors), "t");
    private final Dispatcher downstreamDispatcher =
        new Dispatcher("down", false, IdleStrategyKind.BACKOFF, engine.errors);

    public AfterWakeStress()
    {
        upstream.attach();
        new TopicSubscriber(topic, (Integer e) -> { }, downstreamDispatcher, "t", new TopicSubscriber[] {upstream}, null)
            .attach();
        // The upstream's thread acknowledges the registration at its next pass, as its dispatcher would.
        upstream.poll();
        // Published before both actors: only the upstream's progress can give the downstream work.
        topic.tryPublish(1);
    }

    @Actor
    public void downstreamDispatcher(final II_Result r)
    {
        r.r1 = downstreamDispatcher.parking().prepareToPark() ? 1 : 0;
    }

    @Actor
    public void upstream()
    {
        upstream.poll();
    }

    @Arbiter
    public void arbiter(final II_Result r)
    {
        // True only if the flag is still up: nobody unparked the dispatcher.
        r.r2 = downstreamDispatcher.parking().wake() ? 1 : 0;
    }
}
