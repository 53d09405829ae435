package io.ringbus.disruptor;

import com.lmax.disruptor.RingBuffer;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * Two competing consumers drain a queue holding one high-priority (H) and one low-priority (L) message in
 * two lanes. Each result lists what one consumer took, in order: 1 for H, 2 for L (12 = H then L).
 * Forbidden: a message taken twice or by nobody, and a consumer taking L first while H was there for it
 * (L then H by the same consumer means H was available when it took L).
 */
@JCStressTest
@Outcome(id = {"12, 0", "0, 12", "1, 2", "2, 1"}, expect = Expect.ACCEPTABLE, desc = "each once, highest first")
@Outcome(id = {"21, 0", "0, 21"}, expect = Expect.FORBIDDEN, desc = "low taken while high was available")
@Outcome(expect = Expect.FORBIDDEN, desc = "a message taken twice or lost")
@State
public class PriorityLaneStress
{
    private final Lane high = new Lane(7, 2);
    private final Lane low = new Lane(0, 2);
    private final Lane[] lanes = {high, low};
    private final LaneTake a = new LaneTake(0);
    private final LaneTake b = new LaneTake(0);

    public PriorityLaneStress()
    {
        for (final LaneTake take : new LaneTake[] {a, b})
        {
            high.gate.add(take.positions[7]);
            low.gate.add(take.positions[0]);
        }
        publish(low.ring, "L");
        publish(high.ring, "H");
    }

    private static void publish(final RingBuffer<Slot> ring, final Object event)
    {
        final long sequence = ring.next();
        ring.get(sequence).event = event;
        ring.publish(sequence);
    }

    @Actor
    public void consumerA(final II_Result r)
    {
        r.r1 = drain(a);
    }

    @Actor
    public void consumerB(final II_Result r)
    {
        r.r2 = drain(b);
    }

    private int drain(final LaneTake take)
    {
        int taken = 0;
        long sequence;
        while ((sequence = take.next(lanes)) != WorkClaim.NONE)
        {
            taken = taken * 10 + (take.lane.ring.get(sequence).event == "H" ? 1 : 2);
        }
        return taken;
    }
}
