package io.ringbus.disruptor;

import io.ringbus.api.BackpressurePolicy;
import io.ringbus.api.DestinationStats;
import io.ringbus.api.IdleStrategyKind;
import io.ringbus.api.TopicOptions;
import io.ringbus.api.Translator;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Replay while a publisher wraps the ring: a slot-mode topic of four slots already holding values 1 to 3, a
 * publisher filling slots with values 4, 5, ... (two fields written one after the other) and draining a live
 * subscriber as it goes, and a subscriber attaching with {@code replayLast(4)} meanwhile. What the replaying subscriber sees, replay then live, must
 * be consecutive values (no gap, no duplicate), each slot whole (both fields equal: not torn, not overwritten),
 * ending at the last value published.
 * Results: 1 if all that holds (0 otherwise); how many values it saw.
 */
@JCStressTest
@Outcome(id = "1, .*", expect = Expect.ACCEPTABLE, desc = "consecutive, whole values up to the last published")
@Outcome(id = "0, .*", expect = Expect.FORBIDDEN, desc = "a gap, a duplicate, a torn or overwritten slot")
@Outcome(expect = Expect.FORBIDDEN, desc = "anything else")
@State
public class ReplayStress
{
    private static final BusConfig CONFIG = new BusConfig(
        4, IdleStrategyKind.BACKOFF, 1, (cause, destination, event, handler) -> { }, BackpressurePolicy.WAIT,
        Duration.ofSeconds(1));
    private static final int VALUES = 10;

    static final class Pair
    {
        int a;
        int b;
    }

    private static final Translator<Pair, Integer> WRITE = (slot, v) ->
    {
        slot.a = v;
        slot.b = v;
    };
    private static final Translator<Pair, Pair> COPY = (slot, from) ->
    {
        slot.a = from.a;
        slot.b = from.b;
    };

    private final Engine engine = new Engine(CONFIG);
    private final RingTopic<Pair> topic =
        new RingTopic<>(engine, "t", Pair.class, DestinationStats.Kind.TOPIC, Pair::new, COPY, TopicOptions.defaults());
    private final TopicSubscriber live = new TopicSubscriber(
        topic, (Pair p) -> { }, new Dispatcher("live", false, IdleStrategyKind.BACKOFF, engine.errors), "t");
    private final List<Pair> seen = new ArrayList<>();
    private final TopicSubscriber replaying = new TopicSubscriber(
        topic,
        (Pair p) ->
        {
            final Pair copy = new Pair();
            copy.a = p.a;
            copy.b = p.b;
            seen.add(copy);
        },
        new Dispatcher("replay", false, IdleStrategyKind.BACKOFF, engine.errors), "t",
        new TopicSubscriber[0], new TopicSubscriber.Replay(4, Pair::new, castCopier()));
    private int published;

    @SuppressWarnings("unchecked")
    private static Translator<Object, Object> castCopier()
    {
        return (Translator<Object, Object>)(Translator<?, ?>)COPY;
    }

    public ReplayStress()
    {
        live.attach();
        for (int v = 1; v <= 3; v++)
        {
            topic.tryPublish(WRITE, v);
            live.poll();
        }
        published = 3;
    }

    @Actor
    public void publisher()
    {
        for (int v = 4; v <= VALUES; v++)
        {
            live.poll();
            if (!topic.tryPublish(WRITE, v))
            {
                break; // keep the published values contiguous: 1..published
            }
            published = v;
        }
    }

    @Actor
    public void replayingSubscriber()
    {
        replaying.attach();
        replaying.poll();
    }

    @Arbiter
    public void arbiter(final II_Result r)
    {
        while (replaying.poll() > 0)
        {
            // drain what is left: replay, then live
        }
        boolean ok = true;
        for (int i = 0; i < seen.size(); i++)
        {
            final Pair p = seen.get(i);
            ok &= p.a == p.b && (i == 0 || p.a == seen.get(i - 1).a + 1);
        }
        ok &= seen.isEmpty() ? published == 0 : seen.get(seen.size() - 1).a == published;
        r.r1 = ok ? 1 : 0;
        r.r2 = seen.size();
    }
}
