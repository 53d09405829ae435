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
import org.openjdk.jcstress.infra.results.III_Result;

import java.time.Duration;

/**
 * The follower wake-up: a downstream subscriber's dispatcher polls it (nothing to take yet: its upstream has not
 * handled the one published event), lowers its ready mark and looks again, while the upstream, on another
 * dispatcher, handles the event, publishes its progress and marks its followers ready. The downstream must never
 * be left idle while its upstream has moved on: that is a lost wake-up.
 * Results: events the downstream's pass delivered; times the downstream is queued after both; its mark (1 up).
 */
@JCStressTest
@Outcome(id = "1, 0, 0", expect = Expect.ACCEPTABLE, desc = "the downstream saw the upstream's progress at once")
@Outcome(id = "1, 1, 1", expect = Expect.ACCEPTABLE, desc = "delivered, and marked again by the upstream (harmless)")
@Outcome(id = "0, 1, 1", expect = Expect.ACCEPTABLE,
    desc = "the upstream marked it, or its look again saw the progress")
@Outcome(id = "0, 0, 0", expect = Expect.FORBIDDEN, desc = "lost wake-up: the downstream is idle and nobody marked it")
@Outcome(expect = Expect.FORBIDDEN, desc = "queued twice, or the mark and the queue disagree")
@State
public class AfterWakeStress
{
    private static final BusConfig CONFIG = new BusConfig(
        8, IdleStrategyKind.BACKOFF, 1, (cause, destination, event, handler) -> { }, BackpressurePolicy.WAIT,
        Duration.ofSeconds(1));

    private final Engine engine = new Engine(CONFIG);
    private final RingTopic<Integer> topic = new RingTopic<>(engine, "t", Integer.class, DestinationStats.Kind.TOPIC);
    private final Dispatcher upstreamDispatcher = new Dispatcher("up", false, IdleStrategyKind.BACKOFF, engine.errors);
    private final Dispatcher downstreamDispatcher =
        new Dispatcher("down", false, IdleStrategyKind.BACKOFF, engine.errors);
    private final TopicSubscriber upstream = new TopicSubscriber(topic, (Integer e) -> { }, upstreamDispatcher, "t");
    private final TopicSubscriber downstream = new TopicSubscriber(
        topic, (Integer e) -> { }, downstreamDispatcher, "t", new TopicSubscriber[] {upstream}, null);

    public AfterWakeStress()
    {
        upstream.attach();
        downstream.attach();
        // The threads are never started: the actors run their passes. The upstream acknowledges the registration
        // at its first pass, then both find nothing and lower their marks.
        upstreamDispatcher.doWork();
        downstreamDispatcher.doWork();
        // Marks both: only the upstream's progress can give the downstream work.
        topic.tryPublish(1);
    }

    @Actor
    public void downstream(final III_Result r)
    {
        r.r1 = downstreamDispatcher.doWork();
    }

    @Actor
    public void upstream()
    {
        upstreamDispatcher.doWork();
    }

    @Arbiter
    public void arbiter(final III_Result r)
    {
        r.r2 = downstreamDispatcher.timesQueued(downstream);
        r.r3 = downstream.isScheduled() ? 1 : 0;
    }
}
