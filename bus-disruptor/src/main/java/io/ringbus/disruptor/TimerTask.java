package io.ringbus.disruptor;

/**
 * Something the timer agent holds until a deadline: a delayed send or a retry. (Request timeouts are not tasks:
 * the agent sweeps them, see {@link TimerAgent}.)
 * <p>
 * A task reaches the agent through its command queue once to be armed, and once more, as a notice, if a
 * thread other than the agent finishes it first (a cancel): the notice makes the agent drop its timer
 * at once, so nothing is left in the wheel. The arm is always queued before any notice, since a task can only
 * be finished by others after it was armed; the command queue is FIFO.
 * <p>
 * <b>Note:</b> {@link #deadline} is written before the task is queued; the other fields here belong to the
 * agent thread.
 */
abstract class TimerTask
{
    static final long NO_TIMER = -1L;

    /** What {@link #onDeadline} did with the task. */
    enum Outcome
    {
        /** The agent finished the task itself: no notice will come, the agent lets go. */
        DONE,
        /** The task asked for a new deadline (its queue was full): still armed. */
        RESCHEDULED,
        /** Someone else finished it first: the agent lets go when that one's notice comes. */
        AWAIT_NOTICE
    }

    /** A {@link TimerClock#nanoTime()} value. */
    long deadline;
    long timerId = NO_TIMER;
    boolean armed;

    /**
     * @return whether the task still wants its timer (not finished by someone else yet).
     */
    abstract boolean isLive();

    /**
     * The deadline has come; runs on the agent thread.
     */
    abstract Outcome onDeadline(TimerAgent agent, long now);

    /**
     * The bus closed with the task armed or queued and still live: report it, fail it. Runs on the thread that
     * stops the timer or on a sender that found it stopped.
     *
     * @return true if this finished the task, false if someone else did first (their notice will come).
     */
    abstract boolean onLost();

    /**
     * The agent lets go of the task: no timer, no notice to wait for.
     */
    void released()
    {
    }

    /**
     * @return whether close should wait for this task when it falls due within the close timeout.
     */
    boolean deliversMessage()
    {
        return false;
    }
}
