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
 * Competing consumers going idle while a message is sent: two consumers of one queue, each on its own
 * dispatcher, each polled in turn (finding nothing or the message), lowering its ready mark and looking again,
 * while a sender sends one message and marks both ready. The message must be taken by exactly one consumer, or left
 * with at least one consumer queued to take it; never left with both idle (a lost wake-up).
 * Results: messages delivered by the two passes; consumers queued after all three; 1 if a consumer's mark and
 * its queueing disagree or it is queued twice, else 0.
 */
@JCStressTest
@Outcome(id = "1, 0, 0", expect = Expect.ACCEPTABLE, desc = "taken in a pass, both idle")
@Outcome(id = "1, 1, 0", expect = Expect.ACCEPTABLE, desc = "taken in a pass, one consumer queued again (harmless)")
@Outcome(id = "1, 2, 0", expect = Expect.ACCEPTABLE, desc = "taken in a pass, both queued again (harmless)")
@Outcome(id = "0, 1, 0", expect = Expect.ACCEPTABLE, desc = "sent after the polls: one consumer queued to take it")
@Outcome(id = "0, 2, 0", expect = Expect.ACCEPTABLE, desc = "sent after the polls: both queued")
@Outcome(id = "0, 0, 0", expect = Expect.FORBIDDEN, desc = "lost wake-up: both consumers idle, the message waiting")
@Outcome(expect = Expect.FORBIDDEN, desc = "taken twice, queued twice, or a mark and its queueing disagree")
@State
public class QueueReadyStress
{
    private static final BusConfig CONFIG = new BusConfig(
        8, IdleStrategyKind.BACKOFF, 2, (cause, destination, event, handler) -> { }, BackpressurePolicy.WAIT,
        Duration.ofSeconds(1));

    private final Engine engine = new Engine(CONFIG);
    private final RingQueue<Integer> queue = new RingQueue<>(engine, "q", Integer.class, DestinationStats.Kind.QUEUE);
    private final Dispatcher d1 = new Dispatcher("d1", false, IdleStrategyKind.BACKOFF, engine.errors);
    private final Dispatcher d2 = new Dispatcher("d2", false, IdleStrategyKind.BACKOFF, engine.errors);
    private final QueueConsumer c1 = new QueueConsumer(queue, (Integer m) -> { }, d1);
    private final QueueConsumer c2 = new QueueConsumer(queue, (Integer m) -> { }, d2);

    public QueueReadyStress()
    {
        c1.attach();
        c2.attach();
        // The threads are never started: the actors run their passes. Each is polled, as after an earlier send.
    }

    @Actor
    public void consumers()
    {
        // One actor for both: jcstress runs no more actors than there are CPUs, and the build machine has two.
        d1.doWork();
        d2.doWork();
    }

    @Actor
    public void sender()
    {
        queue.trySend(1);
    }

    @Arbiter
    public void arbiter(final III_Result r)
    {
        r.r1 = (int)(c1.delivered() + c2.delivered());
        final int q1 = d1.timesQueued(c1);
        final int q2 = d2.timesQueued(c2);
        r.r2 = q1 + q2;
        final boolean consistent1 = q1 == (c1.isScheduled() ? 1 : 0);
        final boolean consistent2 = q2 == (c2.isScheduled() ? 1 : 0);
        r.r3 = consistent1 && consistent2 ? 0 : 1;
    }
}
