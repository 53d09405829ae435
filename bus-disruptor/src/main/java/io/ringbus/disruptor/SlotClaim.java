package io.ringbus.disruptor;

import io.ringbus.api.Claim;

/**
 * The claim flyweight of one publishing thread on one slot-mode topic: holds the claimed sequence from
 * {@link RingTopic#claim()} until it is published or given up.
 * <p>
 * <b>Note:</b> used by its own thread only.
 */
final class SlotClaim implements Claim<Object>
{
    private static final long NONE = -1;

    private final RingTopic<?> topic;
    private final Thread owner;
    private long sequence = NONE;

    SlotClaim(final RingTopic<?> topic, final Thread owner)
    {
        this.topic = topic;
        this.owner = owner;
    }

    boolean isOpen()
    {
        return sequence != NONE;
    }

    boolean isOwnedBy(final Thread thread)
    {
        return owner == thread;
    }

    void open(final long claimed)
    {
        sequence = claimed;
    }

    @Override
    public Object event()
    {
        return topic.ring.get(openSequence()).preallocated;
    }

    @Override
    public void publish()
    {
        final long claimed = openSequence();
        sequence = NONE;
        topic.publishClaimed(claimed);
    }

    @Override
    public void close()
    {
        final long claimed = sequence;
        if (claimed != NONE)
        {
            sequence = NONE;
            topic.abandon(topic.ring, claimed, claimed);
        }
    }

    private long openSequence()
    {
        final long claimed = sequence;
        if (claimed == NONE || owner != Thread.currentThread())
        {
            throw new IllegalStateException(claimed == NONE ?
                "this claim on " + topic.describe() + " was published or closed already: claim again" :
                "a claim on " + topic.describe() + " belongs to " + owner.getName() + ", not to " +
                Thread.currentThread().getName());
        }
        return claimed;
    }
}
