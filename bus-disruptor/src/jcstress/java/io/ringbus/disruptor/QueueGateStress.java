package io.ringbus.disruptor;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * A producer racing a consumer on a full queue of two slots: the producer may reuse the slot of the message
 * the consumer already handled, never the slot of the message the consumer is claiming and reading.
 * <p>
 * Set-up: messages 10 (sequence 0) and 11 (sequence 1) published; the consumer has already claimed and
 * handled sequence 0 and let go of it, so its position is at rest above the work sequence
 * ({@link WorkClaim#HOLDING_NOTHING}). Actors: the consumer claims sequence 1 and reads it; the producer tries to publish 12
 * (into sequence 0's slot) and then 13 (into sequence 1's slot). Results: value read, messages published.
 */
@JCStressTest
@Outcome(id = {"11, 0", "11, 1"}, expect = Expect.ACCEPTABLE, desc = "consumer read its message; producer reused at most the free slot")
@Outcome(id = "13, .*", expect = Expect.FORBIDDEN, desc = "the message being read was overwritten")
@Outcome(id = ".*, 2", expect = Expect.FORBIDDEN, desc = "the producer took the slot of the message in the consumer's hands")
@Outcome(expect = Expect.FORBIDDEN, desc = "anything else")
@State
public class QueueGateStress
{
    private final RingBuffer<Slot> ring = RingBuffer.createMultiProducer(Slot::new, 2);
    private final Sequence work = new Sequence();
    private final Sequence position = new Sequence();

    public QueueGateStress()
    {
        final QueueGate gate = new QueueGate(work);
        gate.add(position);
        ring.addGatingSequences(gate);
        publish(10);
        publish(11);
        if (WorkClaim.claim(ring, work, position) != 0)
        {
            throw new IllegalStateException("set-up claim failed");
        }
        WorkClaim.letGo(position);
    }

    private boolean publish(final int value)
    {
        try
        {
            final long sequence = ring.tryNext();
            ring.get(sequence).event = value;
            ring.publish(sequence);
            return true;
        }
        catch (final InsufficientCapacityException ex)
        {
            return false;
        }
    }

    @Actor
    public void consumer(final II_Result r)
    {
        final long claimed = WorkClaim.claim(ring, work, position);
        r.r1 = claimed == 1 ? (Integer)ring.get(claimed).event : -(int)claimed;
    }

    @Actor
    public void producer(final II_Result r)
    {
        r.r2 = publish(12) ? (publish(13) ? 2 : 1) : 0;
    }
}
