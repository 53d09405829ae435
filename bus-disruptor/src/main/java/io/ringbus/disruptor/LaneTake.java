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
    /** The lane of the last message taken, where this consumer may still hold a position. */
    Lane lane;

    LaneTake(final int guard)
    {
        this.guard = guard;
        for (int p = 0; p < positions.length; p++)
        {
            positions[p] = new Sequence(WorkClaim.HOLDING_NOTHING);
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
            // This consumer holds a message in one lane at a time: the previous one is done with.
            if (lane != null && lane != candidate)
            {
                WorkClaim.letGo(positions[lane.priority]);
            }
            lane = candidate;
        }
        return sequence;
    }

    /**
     * Done with the message in hand, if any: hold no lane back, whichever took it.
     *
     * @param lanes the lanes this consumer may have taken from.
     */
    void letGo(final Lane[] lanes)
    {
        for (final Lane l : lanes)
        {
            WorkClaim.letGo(positions[l.priority]);
        }
        lane = null;
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
     * @return whether any lane has messages no consumer has claimed yet.
     */
    static boolean hasWork(final Lane[] lanes)
    {
        for (final Lane l : lanes)
        {
            if (l.ring.getCursor() > l.work.get())
            {
                return true;
            }
        }
        return false;
    }
}
