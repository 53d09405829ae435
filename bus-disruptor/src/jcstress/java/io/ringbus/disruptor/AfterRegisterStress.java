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
 * A follower registering while its upstream handles a batch. An upstream nobody follows skips the fence after
 * storing its progress, so its read of the followers may come before that store: this is the race where the
 * upstream sees no follower (and marks nobody) while the follower, just registered, reads the old progress and
 * goes idle. The follower is gated (at -1) before the one event is published, so the upstream's progress is
 * work for it; then one actor runs the upstream's pass while the other registers the follower and runs its
 * dispatcher's pass.
 * Results: events the follower's pass delivered; times the follower is queued after both; its mark (1 up).
 */
@JCStressTest
@Outcome(id = "1, 0, 0", expect = Expect.ACCEPTABLE, desc = "the follower saw the upstream's progress")
@Outcome(id = "1, 1, 1", expect = Expect.ACCEPTABLE, desc = "delivered, and marked again by the upstream (harmless)")
@Outcome(id = "0, 1, 1", expect = Expect.ACCEPTABLE,
    desc = "queued: marked by the upstream, or waiting for its registration to be acknowledged")
@Outcome(id = "0, 0, 0", expect = Expect.FORBIDDEN, desc = "lost wake-up: the follower is idle and nobody marked it")
@Outcome(expect = Expect.FORBIDDEN, desc = "queued twice, or the mark and the queue disagree")
@State
public class AfterRegisterStress
{
    private static final BusConfig CONFIG = new BusConfig(
        8, IdleStrategyKind.BACKOFF, 1, (cause, destination, event, handler) -> { }, BackpressurePolicy.WAIT,
        Duration.ofSeconds(1));

    private final Engine engine = new Engine(CONFIG);
    private final RingTopic<Integer> topic = new RingTopic<>(engine, "t", Integer.class, DestinationStats.Kind.TOPIC);
    private final Dispatcher upstreamDispatcher = new Dispatcher("up", false, IdleStrategyKind.BACKOFF, engine.errors);
    private final TopicSubscriber upstream = new TopicSubscriber(topic, (Integer e) -> { }, upstreamDispatcher, "t");
    private final Dispatcher followerDispatcher =
        new Dispatcher("down", false, IdleStrategyKind.BACKOFF, engine.errors);
    private final TopicSubscriber follower = new TopicSubscriber(
        topic, (Integer e) -> { }, followerDispatcher, "t", new TopicSubscriber[] {upstream}, null);

    public AfterRegisterStress()
    {
        upstream.attach();
        // The threads are never started: the actors run their passes. The upstream finds nothing, goes idle.
        upstreamDispatcher.doWork();
        // Gated (not yet registered) before the event, so the upstream's progress is work for the follower.
        topic.attach(follower);
        topic.tryPublish(1);
    }

    @Actor
    public void upstream()
    {
        upstreamDispatcher.doWork();
    }

    @Actor
    public void follower(final III_Result r)
    {
        follower.register();
        r.r1 = followerDispatcher.doWork();
    }

    @Arbiter
    public void arbiter(final III_Result r)
    {
        r.r2 = followerDispatcher.timesQueued(follower);
        r.r3 = follower.isScheduled() ? 1 : 0;
    }
}
