package io.ringbus.disruptor;

import com.lmax.disruptor.Sequence;


/**
 * The one gating sequence a queue's ring sees: the minimum of the shared work sequence (which protects
 * unclaimed messages) and each consumer's claim position (which protects the message it is handling).
 * <p>
 * A consumer's position is {@link WorkClaim#HOLDING_NOTHING} while it has no message in hand, and the work
 * value it read, stored before its claim CAS, while it has one. {@link #get()} reads the work sequence first:
 * if that read saw a consumer's CAS, it also sees the position stored before it; if not, the work value it
 * read is itself at or below the message being claimed. So a position at rest above the work sequence never
 * lets a producer overwrite a message in hand, and an idle consumer, however far the others have gone since
 * its last message, holds neither the ring nor the queue's depth back.
 * <p>
 * Consumers' positions are not ring gating sequences themselves because Disruptor resets a gating sequence to
 * the cursor when it is added, and its minimum would not include the work sequence.
 * <p>
 * <b>Note:</b> {@link #get()} is thread-safe; {@link #add} and {@link #remove} are serialised by the queue.
 */
final class QueueGate extends Sequence
{
    private static final Sequence[] NONE = new Sequence[0];

    private final Sequence work;
    private volatile Sequence[] claims = NONE;

    QueueGate(final Sequence work)
    {
        this.work = work;
    }

    @Override
    public long get()
    {
        long minimum = work.get();
        for (final Sequence claim : claims)
        {
            minimum = Math.min(minimum, claim.get());
        }
        return minimum;
    }

    /**
     * Ignored: the value is derived. Disruptor calls this when the gate is added to the ring.
     */
    @Override
    public void set(final long value)
    {
    }

    /**
     * Ignored: the value is derived.
     */
    @Override
    public void setVolatile(final long value)
    {
    }

    void add(final Sequence claim)
    {
        claims = CopyOnWrite.with(claims, claim);
    }

    void remove(final Sequence claim)
    {
        claims = CopyOnWrite.without(claims, claim);
    }

    @Override
    public String toString()
    {
        return "QueueGate[" + get() + "]";
    }
}
