package io.ringbus.disruptor;

import com.lmax.disruptor.Sequence;
import io.ringbus.api.Queue;

/**
 * How one competing consumer takes the next message of a queue with priority lanes: highest lane first, one
 * {@link WorkClaim} per lane tried, so it takes a lower priority only after finding every higher lane empty.
 * With a starvation guard of {@code n}, after {@code n} takes in a row that passed over a waiting lower
 * priority, the next take starts below the highest waiting lane.
 * <p>
 * <b>Note:</b> one instance per consumer, used by its dispatcher thread only.
 */
final class LaneTake
{
    /** This consumer's position in each lane, by priority; see {@link QueueGate}. */
    final Sequence[] positions = new Sequence[Queue.MAX_PRIORITY + 1];
    private final int guard;
    private int streak;
    /** The lane of the last message taken. */
    Lane lane;
    private Lane[] lanesSeen;

    LaneTake(final int guard)
    {
        this.guard = guard;
        for (int p = 0; p < positions.length; p++)
        {
            positions[p] = new Sequence();
        }
    }

    /**
     * Claim the next message.
     *
     * @param lanes the queue's lanes, highest priority first.
     * @return the sequence claimed in {@link #lane}, or {@link WorkClaim#NONE}.
     */
    long next(final Lane[] lanes)
    {
        lanesSeen = lanes;
        if (guard > 0 && streak >= guard)
        {
            streak = 0;
            for (int top = 0; top < lanes.length; top++)
            {
                if (lanes[top].hasAvailable())
                {
                    for (int i = top + 1; i < lanes.length; i++)
                    {
                        final long sequence = claim(lanes[i]);
                        if (sequence != WorkClaim.NONE)
                        {
                            return sequence;
                        }
                    }
                    break;
                }
            }
        }
        for (int i = 0; i < lanes.length; i++)
        {
            final long sequence = claim(lanes[i]);
            if (sequence != WorkClaim.NONE)
            {
                if (guard > 0)
                {
                    streak = lowerWaiting(lanes, i) ? streak + 1 : 0;
                }
                return sequence;
            }
        }
        return WorkClaim.NONE;
    }

    private long claim(final Lane candidate)
    {
        final long sequence = WorkClaim.claim(candidate.ring, candidate.work, positions[candidate.priority]);
        if (sequence != WorkClaim.NONE)
        {
            lane = candidate;
            letGoOfOtherLanes(candidate);
        }
        return sequence;
    }

    /**
     * This consumer holds a message in one lane only: in every other lane its position may move up to the work
     * sequence, so that a lane it has not polled for a while (a lower one, while higher ones keep it busy) is
     * not held back at a message it handled long ago.
     */
    private void letGoOfOtherLanes(final Lane holding)
    {
        for (final Lane other : lanesSeen)
        {
            if (other != holding)
            {
                final Sequence position = positions[other.priority];
                final long work = other.work.get();
                if (position.get() < work)
                {
                    position.set(work);
                }
            }
        }
    }

    private static boolean lowerWaiting(final Lane[] lanes, final int taken)
    {
        for (int i = taken + 1; i < lanes.length; i++)
        {
            if (lanes[i].hasAvailable())
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @return whether any lane has messages beyond this consumer's position there.
     */
    boolean hasWork(final Lane[] lanes)
    {
        for (final Lane l : lanes)
        {
            if (l.ring.getCursor() > positions[l.priority].get())
            {
                return true;
            }
        }
        return false;
    }
}
