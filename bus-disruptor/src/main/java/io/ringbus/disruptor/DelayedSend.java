package io.ringbus.disruptor;

import io.ringbus.api.ScheduledMessage;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A message sent with {@code sendAfter} or {@code sendAt}, held by the timer until its deadline. Its state
 * moves once from {@code PENDING} to {@code DUE} (the timer took it), {@code CANCELLED} or {@code LOST} (the
 * bus closed first): a CAS decides between the timer and a cancel.
 * <p>
 * <b>Note:</b> {@link #cancel()} and {@link #isPending()} are thread-safe.
 */
final class DelayedSend extends TimerTask implements ScheduledMessage
{
    private static final int PENDING = 0;
    private static final int DUE = 1;
    private static final int CANCELLED = 2;
    private static final int LOST = 3;

    private static final VarHandle STATE;

    static
    {
        try
        {
            STATE = MethodHandles.lookup().findVarHandle(DelayedSend.class, "state", int.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final RingQueue<?> queue;
    private final Object message;
    private volatile int state = PENDING;

    DelayedSend(final RingQueue<?> queue, final Object message, final long deadline)
    {
        this.queue = queue;
        this.message = message;
        this.deadline = deadline;
    }

    @Override
    public boolean cancel()
    {
        if (STATE.compareAndSet(this, PENDING, CANCELLED))
        {
            queue.cancelled();
            // A notice, so that the timer drops its timer now rather than at the deadline.
            queue.engine.timer().submit(this);
            return true;
        }
        return false;
    }

    @Override
    public boolean isPending()
    {
        return state == PENDING;
    }

    @Override
    boolean isLive()
    {
        final int s = state;
        return s == PENDING || s == DUE;
    }

    @Override
    Outcome onDeadline(final TimerAgent agent, final long now)
    {
        if (state != DUE && !STATE.compareAndSet(this, PENDING, DUE))
        {
            return Outcome.AWAIT_NOTICE;
        }
        if (queue.inject(message, 0))
        {
            return Outcome.DONE;
        }
        agent.schedule(this, now + agent.tickNanos());
        return Outcome.RESCHEDULED;
    }

    @Override
    boolean onLost()
    {
        if (state == DUE || STATE.compareAndSet(this, PENDING, LOST))
        {
            state = LOST;
            queue.lost(message, deadline, "delayed message");
            return true;
        }
        return false;
    }

    @Override
    boolean deliversMessage()
    {
        return true;
    }

    @Override
    public String toString()
    {
        return "DelayedSend[" + queue.name + ", state " + state + "]";
    }
}
