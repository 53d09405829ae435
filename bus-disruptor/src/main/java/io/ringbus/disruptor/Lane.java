package io.ringbus.disruptor;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;

/**
 * One priority level of a queue: a ring, the work sequence its consumers claim from, and the gate that keeps
 * producers off unclaimed and in-flight messages. Priority 0 is the queue's own ring; the others are made on
 * their first use, so a queue sent to without priorities costs what it did before they existed.
 * <p>
 * <b>Note:</b> thread-safe; gate membership changes under the queue's lock.
 */
final class Lane
{
    final int priority;
    final RingBuffer<Slot> ring;
    final Sequence work;
    final QueueGate gate;
    long drainTarget;

    /**
     * The lane of an existing ring (priority 0: the queue's own).
     */
    Lane(final int priority, final RingBuffer<Slot> ring, final Sequence work, final QueueGate gate)
    {
        this.priority = priority;
        this.ring = ring;
        this.work = work;
        this.gate = gate;
    }

    /**
     * A new lane with a ring of its own.
     */
    Lane(final int priority, final int ringSize)
    {
        this.priority = priority;
        this.ring = RingBuffer.createMultiProducer(Slot::new, ringSize, new BusySpinWaitStrategy());
        this.work = new Sequence();
        this.gate = new QueueGate(work);
        ring.addGatingSequences(gate);
    }

    /**
     * @return whether a published message is waiting to be claimed.
     */
    boolean hasAvailable()
    {
        return ring.isAvailable(work.get() + 1);
    }

    long depth()
    {
        return Math.max(0, ring.getCursor() - gate.get());
    }

    @Override
    public String toString()
    {
        return "Lane[" + priority + "]";
    }
}
