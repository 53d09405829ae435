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
 * A follower registering while its upstream handles a batch. An upstream nobody follows skips the fence after
 * storing its progress, so its read of the followers may come before that store: this is the race where the
 * upstream sees no follower (and wakes nobody) while the follower, just registered, reads the old progress
 * and parks. The follower is gated (at -1) before the one event is published, so the upstream's progress is
 * work for it; then one actor polls the upstream while the other registers the follower and tries to park
 * its dispatcher.
 * Results: the follower's dispatcher parks (1) or not (0); it was still parked after the upstream finished
 * (1, nobody woke it) or not (0).
 */
@JCStressTest
@Outcome(id = "0, 0", expect = Expect.ACCEPTABLE,
    desc = "the follower saw the upstream's progress, or waits for its registration to be acknowledged")
@Outcome(id = "1, 0", expect = Expect.ACCEPTABLE, desc = "the follower parked, the upstream woke it")
@Outcome(id = "1, 1", expect = Expect.FORBIDDEN, desc = "lost wake-up: the follower parked and nobody woke it")
@Outcome(expect = Expect.FORBIDDEN, desc = "anything else")
@State
public class AfterRegisterStress
{
    private static final BusConfig CONFIG = new BusConfig(
        4, IdleStrategyKind.BACKOFF, 1, (cause, destination, event, handler) -> { }, BackpressurePolicy.WAIT,
        Duration.ofSeconds(1));

    private final Engine engine = new Engine(CONFIG);
    private final RingTopic<Integer> topic = new RingTopic<>(engine, "t", Integer.class, DestinationStats.Kind.TOPIC);
    private final TopicSubscriber upstream = new TopicSubscriber(
        topic, (Integer e) -> { }, new Dispatcher("up", false, IdleStrategyKind.BACKOFF, engine.errors), "t");
    private final Dispatcher followerDispatcher =
        new Dispatcher("down", false, IdleStrategyKind.BACKOFF, engine.errors);
    private final TopicSubscriber follower = new TopicSubscriber(
        topic, (Integer e) -> { }, followerDispatcher, "t", new TopicSubscriber[] {upstream}, null);

    public AfterRegisterStress()
    {
        upstream.attach();
        // Gated (not yet registered) before the event, so the upstream's progress is work for the follower.
        topic.attach(follower);
        topic.tryPublish(1);
    }

    @Actor
    public void upstream()
    {
        upstream.poll();
    }

    @Actor
    public void follower(final II_Result r)
    {
        follower.register();
        r.r1 = followerDispatcher.parking().prepareToPark() ? 1 : 0;
    }

    @Arbiter
    public void arbiter(final II_Result r)
    {
        // True only if the flag is still up: nobody unparked the dispatcher.
        r.r2 = followerDispatcher.parking().wake() ? 1 : 0;
    }
}
