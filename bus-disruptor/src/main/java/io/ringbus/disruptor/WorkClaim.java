package io.ringbus.disruptor;

import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;

/**
 * How a competing consumer takes the next message of a queue: one CAS on the shared work sequence per
 * message, with the consumer's position announced before the CAS (see {@link QueueGate}).
 * <p>
 * <b>Note:</b> each {@code position} belongs to one consumer and is written by its thread only.
 */
final class WorkClaim
{
    /**
     * Returned when no published message is left to claim.
     */
    static final long NONE = -1L;

    private WorkClaim()
    {
    }

    /**
     * Claim the next published message.
     *
     * @param ring     the queue's ring.
     * @param work     the sequence of the last message claimed by any consumer.
     * @param position this consumer's position: at or below every message it may still read.
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
                // Idle: stop holding the ring back at the last message this consumer handled.
                if (position.get() < current)
                {
                    position.set(current);
                }
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
}
