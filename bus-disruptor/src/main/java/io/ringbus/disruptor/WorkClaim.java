package io.ringbus.disruptor;

import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;

/**
 * How a competing consumer takes the next message of a queue: one CAS on the shared work sequence per
 * message, with the consumer's position announced before the CAS (see {@link QueueGate}). Between messages
 * a position is {@link #HOLDING_NOTHING}.
 * <p>
 * <b>Note:</b> each {@code position} belongs to one consumer and is written by its thread only.
 */
final class WorkClaim
{
    /**
     * Returned when no published message is left to claim.
     */
    static final long NONE = -1L;

    /**
     * The position of a consumer with no message in its hands: above any work sequence, so that it holds
     * neither the ring (its gate) nor the queue's depth back, however far the others have gone since.
     */
    static final long HOLDING_NOTHING = Long.MAX_VALUE;

    private WorkClaim()
    {
    }

    /**
     * Claim the next published message.
     *
     * @param ring     the queue's ring.
     * @param work     the sequence of the last message claimed by any consumer.
     * @param position this consumer's position: at or below every message it may still read; on return, the
     *                 sequence before the one claimed (which it protects until {@link #letGo}), or
     *                 {@link #HOLDING_NOTHING} if none was.
     * @return the sequence claimed, or {@link #NONE}.
     */
    static long claim(final RingBuffer<?> ring, final Sequence work, final Sequence position)
    {
        while (true)
        {
            final long current = work.get();
            final long next = current + 1;
            if (!ring.isAvailable(next))
            {
                letGo(position);
                return NONE;
            }
            // Announce the position before claiming: a producer must never see the claim without it.
            position.set(current);
            if (work.compareAndSet(current, next))
            {
                return next;
            }
        }
    }

    /**
     * The consumer is done with the message claimed at this position (or never had one): stop holding it.
     */
    static void letGo(final Sequence position)
    {
        // A read of the consumer's own line; the store only when something was held.
        if (position.get() != HOLDING_NOTHING)
        {
            position.set(HOLDING_NOTHING);
        }
    }
}
