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
 * The park/unpark hand-off: a parking dispatcher runs one pass over its ready subscribers, then raises its park
 * flag and looks at its ready stack once more, while a publisher publishes to an idle subscriber, marks it ready
 * (pushing it on the stack) and unparks the dispatcher if its flag is up. The dispatcher must never stay parked
 * with the event undelivered: that is a lost wake-up.
 * Results: events the pass delivered; the dispatcher parks (1) or saw the subscriber queued (0); it was still
 * parked after both (1: nobody unparked it) or not (0).
 */
@JCStressTest
@Outcome(id = "1, 1, 1", expect = Expect.ACCEPTABLE, desc = "delivered in the pass, then parked with nothing to do")
@Outcome(id = "1, 1, 0", expect = Expect.ACCEPTABLE, desc = "delivered in the pass, unparked anyway (harmless)")
@Outcome(id = "1, 0, 0", expect = Expect.ACCEPTABLE, desc = "delivered in the pass, queued again, stayed awake")
@Outcome(id = "0, 0, 0", expect = Expect.ACCEPTABLE, desc = "saw the subscriber queued and stayed awake")
@Outcome(id = "0, 1, 0", expect = Expect.ACCEPTABLE, desc = "parked, the publisher unparked it")
@Outcome(id = "0, 1, 1", expect = Expect.FORBIDDEN, desc = "lost wake-up: parked, undelivered, nobody unparks it")
@Outcome(expect = Expect.FORBIDDEN, desc = "anything else")
@State
public class WakeUpStress
{
    private static final BusConfig CONFIG = new BusConfig(
        8, IdleStrategyKind.BACKOFF, 1, (cause, destination, event, handler) -> { }, BackpressurePolicy.WAIT,
        Duration.ofSeconds(1));

    private final Engine engine = new Engine(CONFIG);
    private final RingTopic<Integer> topic = new RingTopic<>(engine, "t", Integer.class, DestinationStats.Kind.TOPIC);
    private final Dispatcher dispatcher = new Dispatcher("d", false, IdleStrategyKind.BACKOFF, engine.errors);

    public WakeUpStress()
    {
        new TopicSubscriber(topic, (Integer e) -> { }, dispatcher, "t").attach();
        // The thread is never started: the actor runs its pass. This one finds nothing and lowers the mark.
        dispatcher.doWork();
    }

    @Actor
    public void dispatcher(final III_Result r)
    {
        r.r1 = dispatcher.doWork();
        r.r2 = dispatcher.parking().prepareToPark() ? 1 : 0;
    }

    @Actor
    public void publisher()
    {
        topic.tryPublish(1);
    }

    @Arbiter
    public void arbiter(final III_Result r)
    {
        // True only if the flag is still up: nobody unparked the dispatcher.
        r.r3 = dispatcher.parking().wake() ? 1 : 0;
    }
}
