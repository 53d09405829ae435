package io.ringbus.disruptor;

import com.lmax.disruptor.RingBuffer;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * The park/unpark hand-off: a dispatcher about to park re-checks the ring after raising its flag, a
 * publisher claims and publishes, then wakes. The dispatcher must never park while the publisher skips the
 * wake-up: that is a lost wake-up.
 * Results: dispatcher parks (1) or saw the event (0); publisher unparked it (1) or not (0).
 */
@JCStressTest
@Outcome(id = "0, 0", expect = Expect.ACCEPTABLE, desc = "dispatcher saw the event and stayed awake")
@Outcome(id = "1, 1", expect = Expect.ACCEPTABLE, desc = "dispatcher parks, publisher unparks it")
@Outcome(id = "0, 1", expect = Expect.ACCEPTABLE, desc = "dispatcher stayed awake, publisher unparked anyway (harmless)")
@Outcome(id = "1, 0", expect = Expect.FORBIDDEN, desc = "lost wake-up: dispatcher parks and nobody unparks it")
@State
public class WakeUpStress
{
    private final RingBuffer<Slot> ring = RingBuffer.createMultiProducer(Slot::new, 4);
    private final ParkingIdleStrategy idle = new ParkingIdleStrategy(() -> ring.getCursor() >= 0);

    @Actor
    public void dispatcher(final II_Result r)
    {
        r.r1 = idle.prepareToPark() ? 1 : 0;
    }

    @Actor
    public void publisher(final II_Result r)
    {
        final long sequence = ring.next();
        ring.get(sequence).event = "event";
        ring.publish(sequence);
        r.r2 = idle.wake() ? 1 : 0;
    }
}
