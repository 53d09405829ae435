package io.ringbus.disruptor;

/**
 * A queue message whose handler threw, waiting for its backoff on the timer and then travelling through its
 * lane as itself, so that the consumer who takes it knows how many attempts were made.
 * <p>
 * <b>Note:</b> immutable but for the timer fields, which belong to the timer thread.
 */
final class Retry extends TimerTask
{
    final RingQueue<?> queue;
    final Object message;
    /** Attempts made so far. */
    final int attempts;
    final int priority;

    Retry(final RingQueue<?> queue, final Object message, final int attempts, final int priority, final long deadline)
    {
        this.queue = queue;
        this.message = message;
        this.attempts = attempts;
        this.priority = priority;
        this.deadline = deadline;
    }

    @Override
    boolean isLive()
    {
        return true;
    }

    @Override
    Outcome onDeadline(final TimerAgent agent, final long now)
    {
        if (queue.inject(this, priority))
        {
            return Outcome.DONE;
        }
        // The lane is full: try again next tick rather than block the timer thread.
        agent.schedule(this, now + agent.tickNanos());
        return Outcome.RESCHEDULED;
    }

    @Override
    boolean onLost()
    {
        queue.lost(message, deadline, "retry (attempt " + (attempts + 1) + ")");
        return true;
    }

    @Override
    boolean deliversMessage()
    {
        return true;
    }

    @Override
    public String toString()
    {
        return "Retry[" + queue.name + ", attempts " + attempts + "]";
    }
}
