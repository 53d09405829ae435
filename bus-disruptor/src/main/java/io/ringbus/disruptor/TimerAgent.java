package io.ringbus.disruptor;

import org.agrona.DeadlineTimerWheel;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.IdleStrategy;
import org.jctools.queues.MpscArrayQueue;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The bus's one timer: an Agrona {@link DeadlineTimerWheel} on its own thread ({@code ringbus-timer}), fed by
 * any number of threads through a JCTools MPSC queue of {@link TimerTask}s. The thread starts with the first
 * task, so a bus that never delays, retries or requests runs none.
 * <p>
 * <b>Timing.</b> The wheel expires a task only once the clock has reached its deadline, so nothing is early.
 * The thread polls the wheel at least once a tick while a timer is set and parks for one tick between polls;
 * a task is armed at the next poll. A task is thus late by at most about two ticks plus scheduling noise.
 * <p>
 * <b>Hand-off.</b> A sender offers the task, then reads {@code parked}; the agent, before a long park (no timer
 * set), raises {@code parked}, fences, and looks at the queue once more. One of them sees the other: either
 * the agent finds the task or the sender unparks it (checked by the jcstress test {@code TimerHandOffStress}).
 * While timers are set the agent parks one tick at most and needs no wake-up.
 * <p>
 * <b>Request timeouts.</b> Requests are not put in the wheel one by one: the agent sweeps the bus's
 * {@link Sweeper} (its pool of correlation entries) when the earliest deadline it knows of has come, and
 * learns of the next one from that sweep. A requester publishes its pending entry (a volatile write), then
 * reads {@code sweepDue}; only if its deadline is earlier (or nothing is due) does it lower {@code sweepDue}
 * by CAS and wake the agent, else the sweep already planned will see its entry. The agent, before a sweep,
 * writes {@code sweepDue} empty, then reads the entries: either it sees the new entry or the requester sees
 * the empty value and asks for itself (checked by {@code SweepScheduleStress}). Lowering {@code sweepDue}
 * pairs with {@code parked} as an offer does ({@code SweepWakeStress}). So a request costs the timer nothing
 * while others with the same timeout are in flight, and a reply needs no notice. A sweep times out only what is
 * due by the clock, so nothing is early; with no timer set the agent parks until the planned sweep (the system
 * clock) or for a tick (any other clock, as with the wheel), and sweeps at most once a tick, so a timeout is
 * late by about a tick at most plus scheduling noise.
 * <p>
 * <b>Stop.</b> {@link #stop()} marks the agent stopped, then joins the thread, which drains the queue, hands
 * every live task to {@link TimerTask#onLost()} and fails every pending request ({@link Sweeper#loseAll()}). A
 * sender that offers, or a requester that asks for a sweep, after the stop sees the mark and does the same
 * itself, under the same lock: nothing is dropped silently.
 * <p>
 * <b>Note:</b> {@link #submit}, {@link #sweepBy} and the counters are thread-safe; the {@link Agent} methods run
 * on the timer thread.
 */
final class TimerAgent implements Agent, DeadlineTimerWheel.TimerHandler
{
    static final int COMMAND_CAPACITY = 1 << 12;
    private static final int TICKS_PER_WHEEL = 512;
    private static final int INITIAL_TICK_ALLOCATION = 4;
    private static final int DRAIN_LIMIT = 4096;
    private static final int POLL_LIMIT = 4096;
    private static final int MAX_CATCH_UP_TICKS = 1 << 16;
    /** A park with no timer set ends on a wake-up; this bound is only a safety net. */
    private static final long IDLE_PARK_NANOS = 100_000_000L;
    private static final int NEW = 0;
    private static final int RUNNING = 1;
    private static final int STOPPED = 2;

    /** {@code sweepDue} when no sweep is planned. */
    static final long NO_SWEEP = PendingRequest.NO_DEADLINE;

    private static final VarHandle PARKED;
    private static final VarHandle SWEEP_DUE;

    static
    {
        try
        {
            final MethodHandles.Lookup lookup = MethodHandles.lookup();
            PARKED = lookup.findVarHandle(TimerAgent.class, "parked", boolean.class);
            SWEEP_DUE = lookup.findVarHandle(TimerAgent.class, "sweepDue", long.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final TimerClock clock;
    private final long tickNanos;
    private final ErrorReporter errors;
    private final MpscArrayQueue<TimerTask> commands;
    private final DeadlineTimerWheel wheel;
    private final Long2ObjectHashMap<TimerTask> byId = new Long2ObjectHashMap<>();
    private final AtomicInteger state = new AtomicInteger(NEW);
    private volatile boolean parked;
    private volatile Thread thread;
    private volatile AgentRunner runner;
    private volatile long timerCount;
    private volatile long dueCountRequest;
    private volatile long dueCountEpoch;
    private volatile long dueBefore = Long.MAX_VALUE;
    private volatile long dueCount;
    /** When the next request sweep is due ({@link TimerClock#nanoTime()}), or {@link #NO_SWEEP}. */
    private volatile long sweepDue = NO_SWEEP;
    private volatile Sweeper sweeper;

    TimerAgent(final TimerClock clock, final long tickNanos, final ErrorReporter errors)
    {
        this(clock, tickNanos, errors, COMMAND_CAPACITY, TICKS_PER_WHEEL);
    }

    /**
     * With the sizes given: small ones for jcstress tests, which make one agent per trial.
     */
    TimerAgent(
        final TimerClock clock,
        final long tickNanos,
        final ErrorReporter errors,
        final int commandCapacity,
        final int ticksPerWheel)
    {
        this.clock = clock;
        this.tickNanos = tickNanos;
        this.errors = errors;
        this.commands = new MpscArrayQueue<>(commandCapacity);
        this.wheel = new DeadlineTimerWheel(
            TimeUnit.NANOSECONDS, clock.nanoTime(), tickNanos, ticksPerWheel, INITIAL_TICK_ALLOCATION);
    }

    TimerClock clock()
    {
        return clock;
    }

    long tickNanos()
    {
        return tickNanos;
    }

    /**
     * What the agent sweeps for request timeouts: the bus's correlation entries.
     */
    interface Sweeper
    {
        /**
         * Time out what is due. Agent thread.
         *
         * @param now a {@link TimerClock#nanoTime()} value.
         * @return the earliest deadline still pending, or {@link #NO_SWEEP}.
         */
        long sweep(long now);

        /**
         * The timer stops: fail everything pending. Under the agent's lock, on the thread that stops it or on a
         * requester that found it stopped.
         */
        void loseAll();
    }

    // ---------------------------------------------------------------- any thread

    /**
     * Set what request sweeps look at; once, before the first {@link #sweepBy}.
     */
    void sweeps(final Sweeper sweeper)
    {
        this.sweeper = sweeper;
    }

    /**
     * A requester has published a pending entry with this deadline: make sure a sweep comes by then. Costs one
     * volatile read when a sweep at or before the deadline is planned already, as it is while requests with the
     * same timeout are in flight. Must follow the volatile write that made the entry pending.
     *
     * @param deadline a {@link TimerClock#nanoTime()} value.
     */
    void sweepBy(final long deadline)
    {
        if (planned(deadline))
        {
            return;
        }
        start();
        lowerSweep(deadline);
        // A sweep after the stop would never come: the entry is failed here, as the stop fails the others.
        if (state.get() == STOPPED)
        {
            drainStopped();
        }
    }

    /**
     * @return whether a sweep at or before this deadline is planned.
     */
    boolean planned(final long deadline)
    {
        final long due = sweepDue;
        return due != NO_SWEEP && deadline - due >= 0;
    }

    /**
     * Bring {@code sweepDue} down to a deadline if it is later (or empty), without starting the thread.
     *
     * @return whether this call unparked the agent.
     */
    boolean lowerSweep(final long deadline)
    {
        while (true)
        {
            final long due = sweepDue;
            if (due != NO_SWEEP && deadline - due >= 0)
            {
                return false;
            }
            if (SWEEP_DUE.compareAndSet(this, due, deadline))
            {
                // The CAS comes before this read of the flag: see the class comment.
                return parked && wake();
            }
        }
    }

    /**
     * @return when the next request sweep is due, or {@link #NO_SWEEP}.
     */
    long sweepDue()
    {
        return sweepDue;
    }

    /**
     * Hand a task to the agent: to arm it the first time, as a notice the second. Waits (spin, yield, park)
     * only if the command queue is full.
     */
    void submit(final TimerTask task)
    {
        start();
        enqueue(task);
    }

    /**
     * The hand-off itself, without starting the thread.
     *
     * @return whether this call unparked the agent.
     */
    boolean enqueue(final TimerTask task)
    {
        for (int attempt = 0; !commands.offer(task); attempt++)
        {
            if (state.get() == STOPPED)
            {
                break;
            }
            unpark();
            Backoff.pause(attempt);
        }
        // The offer (a CAS) comes before these reads: see the class comment.
        if (state.get() == STOPPED)
        {
            drainStopped();
            return false;
        }
        return parked && wake();
    }

    /**
     * @return whether the sender unparked the agent.
     */
    boolean wake()
    {
        if (parked && PARKED.compareAndSet(this, true, false))
        {
            unpark();
            return true;
        }
        return false;
    }

    private void unpark()
    {
        final Thread t = thread;
        if (t != null)
        {
            LockSupport.unpark(t);
        }
    }

    private void start()
    {
        if (state.get() == NEW && state.compareAndSet(NEW, RUNNING))
        {
            final AgentRunner r = new AgentRunner(new TickIdle(), this::onAgentError, null, this);
            runner = r;
            AgentRunner.startOnThread(r);
        }
    }

    boolean isRunning()
    {
        final AgentRunner r = runner;
        final Thread t = r == null ? null : r.thread();
        return t != null && t != AgentRunner.TOMBSTONE && t.isAlive();
    }

    /**
     * @return timers set in the wheel, as last published by the agent (0 before it starts).
     */
    long timers()
    {
        return timerCount;
    }

    /**
     * How many message-carrying tasks (delayed sends, retries) are queued or set to fall due at or before a
     * time: asked by close, computed by the agent on its next pass.
     *
     * @param deadline a {@link TimerClock#nanoTime()} value.
     * @param timeoutNanos how long to wait for the agent's answer.
     * @return the count, or -1 if the agent did not answer in time.
     */
    long dueAtOrBefore(final long deadline, final long timeoutNanos)
    {
        if (state.get() != RUNNING)
        {
            return 0;
        }
        dueBefore = deadline;
        final long request = dueCountRequest + 1;
        dueCountRequest = request;
        final long until = System.nanoTime() + timeoutNanos;
        for (int attempt = 0; dueCountEpoch < request; attempt++)
        {
            if (System.nanoTime() - until > 0 || state.get() != RUNNING)
            {
                return -1;
            }
            wake();
            Backoff.pause(attempt);
        }
        return dueCount;
    }

    /**
     * Stop the thread and report every live task as lost. Idempotent.
     */
    void stop(final long timeoutMs)
    {
        if (state.getAndSet(STOPPED) == RUNNING)
        {
            final AgentRunner r = runner;
            unpark();
            try
            {
                r.close((int)Math.max(1, Math.min(Integer.MAX_VALUE, timeoutMs)), t ->
                {
                    throw new IllegalStateException("ringbus-timer did not stop within " + timeoutMs + " ms");
                });
            }
            catch (final IllegalStateException ex)
            {
                errors.report(ex.getMessage());
            }
        }
        drainStopped();
    }

    /**
     * Tasks offered after the stop: arms are lost, notices let go. The lock makes this and the agent's own
     * final drain one consumer at a time, as the MPSC queue requires.
     */
    private synchronized void drainStopped()
    {
        loseRequests();
        TimerTask task;
        while ((task = commands.poll()) != null)
        {
            if (!task.armed)
            {
                task.armed = true;
                loseOrAwait(task);
            }
            else
            {
                task.armed = false;
                task.released();
            }
        }
    }

    /**
     * Fail every pending request. Under the agent's lock.
     */
    private void loseRequests()
    {
        final Sweeper s = sweeper;
        if (s != null)
        {
            sweepDue = NO_SWEEP;
            s.loseAll();
        }
    }

    private static void loseOrAwait(final TimerTask task)
    {
        if (task.isLive() && task.onLost())
        {
            task.armed = false;
            task.released();
        }
        // Otherwise someone else finished it: its notice lets go.
    }

    // ---------------------------------------------------------------- the timer thread

    @Override
    public void onStart()
    {
        thread = Thread.currentThread();
    }

    @Override
    public int doWork()
    {
        int work = drainCommands();
        final long now = clock.nanoTime();
        if (wheel.timerCount() == 0)
        {
            // Nothing to expire on the way: jump rather than step through every idle tick later.
            wheel.currentTickTime(now);
        }
        else
        {
            for (int ticks = 0; ticks < MAX_CATCH_UP_TICKS; ticks++)
            {
                final int expired = wheel.poll(now, this, POLL_LIMIT);
                work += expired;
                if (expired == 0 && (wheel.currentTickTime() > now || wheel.timerCount() == 0))
                {
                    break;
                }
            }
        }
        work += sweepIfDue(now);
        timerCount = wheel.timerCount();
        final long request = dueCountRequest;
        if (request != dueCountEpoch)
        {
            dueCount = countDue(dueBefore);
            dueCountEpoch = request;
        }
        return work;
    }

    /**
     * Sweep the requests if the time has come. Agent thread (or a jcstress actor playing it).
     *
     * @return 1 if it swept, else 0.
     */
    int sweepIfDue(final long now)
    {
        final long due = sweepDue;
        final Sweeper s = sweeper;
        if (s == null || due == NO_SWEEP || now - due < 0)
        {
            return 0;
        }
        // Emptied before the entries are read (a volatile write, then volatile reads): a requester that
        // publishes an entry this sweep misses reads the empty value and asks for its own sweep.
        sweepDue = NO_SWEEP;
        final long earliest = s.sweep(now);
        if (earliest != NO_SWEEP)
        {
            // At most one sweep a tick, however close the deadlines.
            lowerSweep(earliest - (now + tickNanos) < 0 ? now + tickNanos : earliest);
        }
        return 1;
    }

    private int drainCommands()
    {
        int n = 0;
        TimerTask task;
        while (n < DRAIN_LIMIT && (task = commands.poll()) != null)
        {
            process(task);
            n++;
        }
        return n;
    }

    private void process(final TimerTask task)
    {
        if (!task.armed)
        {
            task.armed = true;
            if (task.isLive())
            {
                schedule(task, task.deadline);
            }
            // Finished by someone else before it was armed: its notice follows and lets go.
        }
        else
        {
            cancel(task);
            task.armed = false;
            task.released();
        }
    }

    /**
     * Set (or set again) a task's timer. Agent thread only.
     */
    void schedule(final TimerTask task, final long deadline)
    {
        task.deadline = deadline;
        final long id = wheel.scheduleTimer(deadline);
        task.timerId = id;
        byId.put(id, task);
    }

    private void cancel(final TimerTask task)
    {
        final long id = task.timerId;
        if (id != TimerTask.NO_TIMER)
        {
            wheel.cancelTimer(id);
            byId.remove(id);
            task.timerId = TimerTask.NO_TIMER;
        }
    }

    @Override
    public boolean onTimerExpiry(final TimeUnit timeUnit, final long now, final long timerId)
    {
        final TimerTask task = byId.remove(timerId);
        if (task == null)
        {
            return true;
        }
        task.timerId = TimerTask.NO_TIMER;
        final TimerTask.Outcome outcome;
        try
        {
            outcome = task.onDeadline(this, now);
        }
        catch (final Throwable ex)
        {
            errors.report("timer task " + task + " failed: " + ex);
            task.armed = false;
            task.released();
            return true;
        }
        if (outcome == TimerTask.Outcome.DONE)
        {
            task.armed = false;
            task.released();
        }
        return true;
    }

    private long countDue(final long deadline)
    {
        long n = 0;
        for (final TimerTask task : byId.values())
        {
            if (task.deliversMessage() && task.deadline - deadline <= 0)
            {
                n++;
            }
        }
        // Tasks not armed yet are counted by the caller's next request, after this pass armed them.
        return n + (commands.isEmpty() ? 0 : 1);
    }

    @Override
    public void onClose()
    {
        synchronized (this)
        {
            loseRequests();
            TimerTask task;
            while ((task = commands.poll()) != null)
            {
                if (!task.armed)
                {
                    task.armed = true;
                    loseOrAwait(task);
                }
                else
                {
                    cancel(task);
                    task.armed = false;
                    task.released();
                }
            }
            for (final TimerTask t : byId.values().toArray(new TimerTask[0]))
            {
                cancel(t);
                loseOrAwait(t);
            }
            timerCount = wheel.timerCount();
        }
    }

    private void onAgentError(final Throwable ex)
    {
        errors.report("ringbus-timer caught " + ex);
    }

    @Override
    public String roleName()
    {
        return "ringbus-timer";
    }

    /**
     * Park a tick while timers are set (polling is what makes them fire); with none, park until woken.
     */
    private final class TickIdle implements IdleStrategy
    {
        @Override
        public void idle(final int workCount)
        {
            if (workCount == 0)
            {
                idle();
            }
        }

        @Override
        public void idle()
        {
            if (wheel.timerCount() > 0 || dueCountRequest != dueCountEpoch)
            {
                LockSupport.parkNanos(tickNanos);
                return;
            }
            if (prepareToPark())
            {
                LockSupport.parkNanos(parkNanos());
                parked = false;
            }
        }

        @Override
        public void reset()
        {
        }

        @Override
        public String alias()
        {
            return "tick";
        }
    }

    /**
     * Raise the flag, fence, look again.
     *
     * @return true if the agent may park: a later sender sees the flag and unparks it.
     */
    boolean prepareToPark()
    {
        parked = true;
        VarHandle.fullFence();
        final long due = sweepDue;
        if (!commands.isEmpty() || dueCountRequest != dueCountEpoch ||
            (due != NO_SWEEP && clock.nanoTime() - due >= 0))
        {
            parked = false;
            return false;
        }
        return true;
    }

    /**
     * How long a park with no timer set may last: until the next request sweep, read after the flag was raised
     * (an earlier one unparks the agent). The system clock is trusted to reach the time; any other clock is
     * looked at once a tick, as the wheel is.
     */
    private long parkNanos()
    {
        final long due = sweepDue;
        if (due == NO_SWEEP)
        {
            return IDLE_PARK_NANOS;
        }
        if (clock != TimerClock.system())
        {
            return tickNanos;
        }
        return Math.max(1, Math.min(IDLE_PARK_NANOS, due - clock.nanoTime()));
    }

    /**
     * For tests of the hand-off: take one queued task without a thread.
     */
    TimerTask pollCommand()
    {
        return commands.poll();
    }
}
