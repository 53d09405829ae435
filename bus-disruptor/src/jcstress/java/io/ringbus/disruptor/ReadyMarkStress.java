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
 * The ready mark: a publisher publishes and marks the subscriber ready while its dispatcher polls it, lowers
 * the mark and looks again. The event must be delivered, or the subscriber left queued to be polled; it must
 * never be idle with the event waiting (a lost wake-up), queued twice, or marked but not queued (then nobody
 * would ever queue it again).
 * Results: events the dispatcher's pass delivered; times the subscriber is queued after both; its mark (1 up).
 */
@JCStressTest
@Outcome(id = "1, 0, 0", expect = Expect.ACCEPTABLE, desc = "delivered in the pass, then idle")
@Outcome(id = "1, 1, 1", expect = Expect.ACCEPTABLE,
    desc = "delivered in the pass, queued again (the publisher saw the mark down, or the look again saw the event)")
@Outcome(id = "0, 1, 1", expect = Expect.ACCEPTABLE, desc = "published after the poll: queued for the next pass")
@Outcome(id = "0, 0, 0", expect = Expect.FORBIDDEN, desc = "lost wake-up: idle with the event waiting")
@Outcome(expect = Expect.FORBIDDEN, desc = "queued twice, or the mark and the queue disagree")
@State
public class ReadyMarkStress
{
    private static final BusConfig CONFIG = new BusConfig(
        8, IdleStrategyKind.BUSY_SPIN, 1, (cause, destination, event, handler) -> { }, BackpressurePolicy.WAIT,
        Duration.ofSeconds(1));

    private final Engine engine = new Engine(CONFIG);
    private final RingTopic<Integer> topic = new RingTopic<>(engine, "t", Integer.class, DestinationStats.Kind.TOPIC);
    private final Dispatcher dispatcher = new Dispatcher("d", false, IdleStrategyKind.BUSY_SPIN, engine.errors);
    private final TopicSubscriber subscriber = new TopicSubscriber(topic, (Integer e) -> { }, dispatcher, "t");

    public ReadyMarkStress()
    {
        subscriber.attach();
        // The thread is never started: the actors run its passes. The first finds nothing and lowers the mark.
        dispatcher.doWork();
        // Marked again, as by an earlier publish: the pass below polls it, then lowers the mark.
        subscriber.schedule();
    }

    @Actor
    public void dispatcher(final III_Result r)
    {
        r.r1 = dispatcher.doWork();
    }

    @Actor
    public void publisher()
    {
        topic.tryPublish(1);
    }

    @Arbiter
    public void arbiter(final III_Result r)
    {
        r.r2 = dispatcher.timesQueued(subscriber);
        r.r3 = subscriber.isScheduled() ? 1 : 0;
    }
}
