package io.ringbus.disruptor;

import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * Two competing consumers drain a queue holding two messages: each message is claimed by exactly one.
 * Results are bit masks of the sequences each consumer claimed (bit 0: sequence 0, bit 1: sequence 1).
 */
@JCStressTest
@Outcome(id = {"3, 0", "0, 3", "1, 2", "2, 1"}, expect = Expect.ACCEPTABLE, desc = "each message claimed once")
@Outcome(expect = Expect.FORBIDDEN, desc = "a message claimed twice or by nobody")
@State
public class WorkClaimStress
{
    private final RingBuffer<Slot> ring = RingBuffer.createMultiProducer(Slot::new, 4);
    private final Sequence work = new Sequence();
    private final Sequence positionA = new Sequence();
    private final Sequence positionB = new Sequence();

    public WorkClaimStress()
    {
        ring.addGatingSequences(new QueueGate(work));
        ring.publish(ring.next());
        ring.publish(ring.next());
    }

    @Actor
    public void consumerA(final II_Result r)
    {
        r.r1 = drain(positionA);
    }

    @Actor
    public void consumerB(final II_Result r)
    {
        r.r2 = drain(positionB);
    }

    private int drain(final Sequence position)
    {
        int mask = 0;
        long claimed;
        while ((claimed = WorkClaim.claim(ring, work, position)) != WorkClaim.NONE)
        {
            mask |= 1 << claimed;
        }
        return mask;
    }
}
