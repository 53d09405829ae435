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
 * A topic subscriber polling a ring of two slots while a publisher wraps it: the subscriber sees a prefix of
 * what was published, in order, each event once, never an empty or overwritten slot.
 * Results: 1 if what the subscriber saw was 1, 2, 3, ... in order (0 otherwise); events published (of 4).
 */
@JCStressTest
@Outcome(id = {"1, 2", "1, 3", "1, 4"}, expect = Expect.ACCEPTABLE, desc = "an in-order prefix, each event once")
@Outcome(id = "0, .*", expect = Expect.FORBIDDEN, desc = "an event seen twice, out of order, empty or overwritten")
@Outcome(expect = Expect.FORBIDDEN, desc = "anything else")
@State
public class TopicPollStress
{
    private static final BusConfig CONFIG = new BusConfig(
        2, IdleStrategyKind.BACKOFF, 1, (cause, destination, event, handler) -> { }, BackpressurePolicy.WAIT,
        Duration.ofSeconds(1));

    private final Engine engine = new Engine(CONFIG);
    private final RingTopic<Integer> topic = new RingTopic<>(engine, "t", Integer.class, DestinationStats.Kind.TOPIC);
    private int expected = 1;
    private boolean inOrder = true;
    private final TopicSubscriber subscriber = new TopicSubscriber(
        topic, (Integer e) ->
        {
            inOrder &= e == expected;
            expected++;
        },
        new Dispatcher("stress", false, IdleStrategyKind.BACKOFF, engine.errors), "t");

    public TopicPollStress()
    {
        topic.attach(subscriber);
    }

    @Actor
    public void subscriber(final II_Result r)
    {
        for (int i = 0; i < 4; i++)
        {
            subscriber.poll();
        }
        r.r1 = inOrder ? 1 : 0;
    }

    @Actor
    public void publisher(final II_Result r)
    {
        int published = 0;
        for (int value = 1; value <= 4; value++)
        {
            if (topic.tryPublish(value))
            {
                published++;
            }
            else
            {
                break; // keep the published values contiguous: 1..published
            }
        }
        r.r2 = published;
    }
}
