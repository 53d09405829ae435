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
 * A sender making a new priority lane while a consumer is in the middle of a batch on lane 0: once a handler has
 * seen that the high message (H) was sent, the consumer's very next take must be H, although its batch began
 * before H's lane existed (see {@code QueueConsumer.poll}: {@code RingQueue.createLane} publishes the lanes, then
 * raises each consumer's signal; the consumer reads its signals before each message).
 * <p>
 * Set-up: low messages L1 and L2 in lane 0, one consumer attached. Actors: the consumer polls one batch, its
 * handler noting at which message it first saw the sender's flag; the sender sends H at priority 7, then raises
 * the flag. Results: the messages taken, in order (1 for H, 2 for L1, 3 for L2); the position (from 1) of the
 * message whose handler first saw the flag, 0 if none did.
 */
@JCStressTest
@Outcome(id = {"23, 0", "123, 0", "213, 0", "231, 0"}, expect = Expect.ACCEPTABLE, desc = "H sent too late to be seen")
@Outcome(id = {"123, [123]", "213, [123]", "231, [23]"}, expect = Expect.ACCEPTABLE, desc = "H taken next once seen")
@Outcome(id = {"231, 1", "23, [12]"}, expect = Expect.FORBIDDEN, desc = "a low message taken after H was seen sent")
@Outcome(expect = Expect.FORBIDDEN, desc = "a message taken twice or lost")
@State
public class NewLaneStress
{
    private static final BusConfig CONFIG = new BusConfig(
        4, IdleStrategyKind.BACKOFF, 1, (cause, destination, event, handler) -> { }, BackpressurePolicy.WAIT,
        Duration.ofSeconds(1));

    private final RingQueue<Integer> queue =
        new RingQueue<>(new Engine(CONFIG), "q", Integer.class, DestinationStats.Kind.QUEUE);
    private final QueueConsumer consumer;
    private volatile boolean sent;
    private int taken;
    private int count;
    private int sawSentAt;

    public NewLaneStress()
    {
        queue.send(2);
        queue.send(3);
        consumer = new QueueConsumer(queue, (Integer m) ->
        {
            taken = taken * 10 + m;
            count++;
            if (sawSentAt == 0 && sent)
            {
                sawSentAt = count;
            }
        }, new Dispatcher("stress", false, IdleStrategyKind.BACKOFF, queue.engine.errors));
        queue.attach(consumer);
    }

    @Actor
    public void consumer(final II_Result r)
    {
        consumer.poll();
        r.r1 = taken;
        r.r2 = sawSentAt;
    }

    @Actor
    public void sender()
    {
        queue.send(1, 7);
        sent = true;
    }
}
