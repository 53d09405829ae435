package io.ringbus.disruptor;

import io.ringbus.api.IdleStrategyKind;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An Agrona agent that polls the subscribers assigned to it, on one thread. Shared dispatchers serve many
 * light subscriptions so that hundreds of destinations do not mean hundreds of threads; a dedicated one
 * serves one subscription and stops when that subscription is closed.
 * <p>
 * It polls only the subscribers marked ready, so that the cost of an event does not grow with the number of
 * idle subscribers it serves. A publisher marks a subscriber ready ({@link RingSubscriber#schedule()}) and, if
 * it raised the mark, pushes it onto this dispatcher's ready stack: a lock-free stack linked through the
 * subscribers themselves ({@link RingSubscriber#nextReady}), which each subscriber is on at most once, so it
 * needs no capacity and allocates nothing. Each pass takes the whole stack in one swap and appends it, oldest
 * first, to the run list, then gives each subscriber on the run list one batch, in turn: one that stopped at
 * its batch limit goes to the back, one that drained lowers its mark and looks again (see the package
 * documentation, "Wake-up").
 * <p>
 * <b>Note:</b> the {@link Agent} methods, and the run list, belong to the dispatcher's own thread; the others
 * are thread-safe.
 */
final class Dispatcher implements Agent
{
    private static final RingSubscriber[] NONE = new RingSubscriber[0];
    private static final int NEW = 0;
    private static final int STARTED = 1;
    private static final int CLOSED = 2;
    private static final VarHandle READY_STACK;

    static
    {
        try
        {
            READY_STACK = MethodHandles.lookup().findVarHandle(Dispatcher.class, "readyStack", RingSubscriber.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final String roleName;
    private final int lingerPasses;
    /** Subscribers on the run list that are lingering (idle passes above 0). Dispatcher thread only. */
    private int lingering;
    private final boolean dedicated;
    private final ParkingIdleStrategy parking;
    private final AgentRunner runner;
    private final ErrorReporter errors;
    private volatile RingSubscriber[] subscribers = NONE;
    /** The ready stack: subscribers marked ready since the last pass, latest first. */
    private volatile RingSubscriber readyStack;
    /** The run list, dispatcher thread only: subscribers to poll, in turn. */
    private RingSubscriber runHead;
    private RingSubscriber runTail;
    private final AtomicInteger state = new AtomicInteger(NEW);
    private volatile boolean retired;
    private boolean interruptReported;

    /**
     * How many passes in a row a drained subscriber stays on the run list, its ready mark up, before it lowers the
     * mark: while a publisher keeps pace with it, each publish then costs one read of the mark instead of a CAS
     * on the mark, a CAS on the ready stack and a fence on this side. About as long as the idle strategies spin
     * before they yield (100 passes).
     */
    static final int LINGER_PASSES = 64;

    /**
     * Empty passes a {@code BUSY_SPIN} dispatcher spins before it yields the core at each further one (it never
     * parks). Spinning for ever is wrong with more runnable threads than cores (dispatchers, publishers, other
     * processes): a dispatcher spinning on an empty ready stack holds a core that a publisher waiting for ring
     * space, or another dispatcher holding that ring back, needs, and the operating system takes it back only at
     * the end of a time slice, so throughput falls to about a ring per time slice. 100 passes is a few
     * microseconds, longer than the gap between events of a busy stream or a round trip; measured on fan-out 1:3
     * on 2 cores, 100 hands the core over soon enough and 1,000 already leaves publishers waiting.
     */
    static final int BUSY_SPIN_SPINS = 100;

    /** At most this many drained subscribers of one dispatcher linger at a time. */
    static final int MAX_LINGERING = 8;

    /**
     * A dispatcher that lowers a drained subscriber's mark at once (no lingering): for tests of the ready
     * protocol, which must reach the lowering in one pass.
     */
    Dispatcher(
        final String roleName,
        final boolean dedicated,
        final IdleStrategyKind idle,
        final ErrorReporter errors)
    {
        this(roleName, dedicated, idle, errors, 0);
    }

    /**
     * @param lingerPasses passes a drained subscriber stays ready before it lowers its mark; see
     *                     {@link #LINGER_PASSES}.
     */
    Dispatcher(
        final String roleName,
        final boolean dedicated,
        final IdleStrategyKind idle,
        final ErrorReporter errors,
        final int lingerPasses)
    {
        this.lingerPasses = lingerPasses;
        this.roleName = roleName;
        this.errors = errors;
        this.dedicated = dedicated;
        this.parking = idle == IdleStrategyKind.BACKOFF ? new ParkingIdleStrategy(this::hasWork) : null;
        final IdleStrategy strategy = switch (idle)
        {
            // Spin, then yield at each empty pass, never park: see BUSY_SPIN_SPINS.
            case BUSY_SPIN -> new BackoffIdleStrategy(BUSY_SPIN_SPINS, Long.MAX_VALUE, 1, 1);
            case YIELDING -> new YieldingIdleStrategy();
            case BACKOFF -> parking;
        };
        this.runner = new AgentRunner(strategy, this::onAgentError, null, this);
    }

    /**
     * Start the thread once; later calls, and calls after {@link #close()}, do nothing.
     */
    void start()
    {
        if (state.compareAndSet(NEW, STARTED))
        {
            AgentRunner.startOnThread(runner, r -> new DispatcherThread(r, this));
        }
    }

    @Override
    public void onStart()
    {
        if (parking != null)
        {
            parking.bindToCurrentThread();
        }
    }

    @Override
    public int doWork()
    {
        takeReady();
        int work = 0;
        // One batch for each subscriber on the list now; those put back wait for the next pass, behind the rest.
        final RingSubscriber last = runTail;
        RingSubscriber s = runHead;
        while (s != null)
        {
            final RingSubscriber next = s.nextReady;
            s.nextReady = null;
            runHead = next;
            if (next == null)
            {
                runTail = null;
            }
            work += pollOne(s);
            if (s == last)
            {
                break;
            }
            s = runHead;
        }
        if (retired && this.subscribers.length == 0)
        {
            throw new AgentTerminationException();
        }
        return work;
    }

    private int pollOne(final RingSubscriber s)
    {
        if (s.isClosing())
        {
            endLinger(s);
            // Its ready mark stays up: nobody queues it again.
            return s.detach();
        }
        boolean again = true;
        try
        {
            s.pollAgain = false;
            final int taken = s.poll();
            if (taken > 0)
            {
                endLinger(s);
            }
            again = s.pollAgain || lingerPasses > 0 && (taken > 0 || lingers(s)) || s.stillReady();
            return taken;
        }
        finally
        {
            // Also if something escaped the poll: it keeps its mark, so it must stay on the list.
            if (again)
            {
                append(s);
            }
        }
    }

    /**
     * Whether a subscriber that found nothing stays on the run list with its mark up for another pass.
     */
    private boolean lingers(final RingSubscriber s)
    {
        if (s.idlePasses == 0)
        {
            // A few at a time: polling thousands of lingering subscribers would make an event's cost grow with
            // the number of topics that were busy lately, which the ready marks are there to avoid.
            if (lingering >= MAX_LINGERING)
            {
                return false;
            }
            lingering++;
        }
        else if (s.idlePasses >= lingerPasses)
        {
            endLinger(s);
            return false;
        }
        s.idlePasses++;
        return true;
    }

    private void endLinger(final RingSubscriber s)
    {
        if (s.idlePasses > 0)
        {
            s.idlePasses = 0;
            lingering--;
        }
    }

    private void append(final RingSubscriber s)
    {
        if (runTail == null)
        {
            runHead = s;
        }
        else
        {
            runTail.nextReady = s;
        }
        runTail = s;
    }

    /**
     * Move the ready stack to the end of the run list, oldest first.
     */
    private void takeReady()
    {
        if (readyStack == null)
        {
            return;
        }
        RingSubscriber s = (RingSubscriber)READY_STACK.getAndSet(this, (RingSubscriber)null);
        // The newest is on top of the stack: reversed, it is the end of the chain.
        final RingSubscriber newest = s;
        RingSubscriber oldestFirst = null;
        while (s != null)
        {
            final RingSubscriber next = s.nextReady;
            s.nextReady = oldestFirst;
            oldestFirst = s;
            s = next;
        }
        if (runTail == null)
        {
            runHead = oldestFirst;
        }
        else
        {
            runTail.nextReady = oldestFirst;
        }
        runTail = newest;
    }

    /**
     * A handler left the interrupt flag set; the bus itself stops this thread through AgentRunner.close(),
     * which clears its running flag first, so the interrupt was not meant for the dispatcher.
     */
    void interruptCleared(final RingSubscriber subscriber)
    {
        if (!interruptReported)
        {
            interruptReported = true;
            errors.report(roleName + ": the handler of " + subscriber +
                " left the thread's interrupt flag set; cleared (reported once per thread)");
        }
    }

    private void onAgentError(final Throwable ex)
    {
        if (!(ex instanceof AgentTerminationException))
        {
            errors.report("dispatcher " + roleName + " caught " + ex);
        }
    }

    @Override
    public void onClose()
    {
        for (final RingSubscriber s : subscribers)
        {
            s.detach();
        }
    }

    @Override
    public String roleName()
    {
        return roleName;
    }

    boolean isDedicated()
    {
        return dedicated;
    }

    /**
     * Called on the parking path only, with the park flag up and fenced: is any subscriber ready, or is the
     * dispatcher asked to stop?
     */
    private boolean hasWork()
    {
        return readyStack != null || runHead != null || retired;
    }

    /**
     * Push a subscriber whose ready mark the caller just raised, then unpark the thread if it is parked. The
     * push is a CAS, so the park flag is read after it with a StoreLoad order: the pairing with
     * {@link ParkingIdleStrategy#prepareToPark()}, which raises that flag, fences, then reads the stack.
     */
    void ready(final RingSubscriber subscriber)
    {
        RingSubscriber top;
        do
        {
            top = readyStack;
            subscriber.nextReady = top;
        }
        while (!READY_STACK.compareAndSet(this, top, subscriber));
        wake();
    }

    /**
     * Start serving a subscriber, whose ready mark is up from its making: it is polled at the next pass.
     */
    void add(final RingSubscriber subscriber)
    {
        synchronized (this)
        {
            subscribers = CopyOnWrite.with(subscribers, subscriber);
        }
        ready(subscriber);
    }

    synchronized void remove(final RingSubscriber subscriber)
    {
        subscribers = CopyOnWrite.without(subscribers, subscriber);
    }

    int load()
    {
        return subscribers.length;
    }

    /**
     * @return whether a subscriber of the destination is polled by this dispatcher. Looks through the
     *         destination's subscribers, usually few, not this dispatcher's, which may be thousands: choosing a
     *         dispatcher for each of many topics stays linear.
     */
    boolean serves(final Destination destination)
    {
        for (final RingSubscriber s : destination.subscribers)
        {
            if (s.dispatcher == this)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * For tests of the ready protocol, with the dispatcher's thread stopped or not started: how many times the
     * subscriber is on the ready stack and the run list (more than once is a bug).
     */
    int timesQueued(final RingSubscriber subscriber)
    {
        // Bounded: a subscriber queued twice may have linked a list into a cycle.
        final int bound = subscribers.length + 2;
        int n = 0;
        int steps = 0;
        for (RingSubscriber s = readyStack; s != null && steps < bound; s = s.nextReady, steps++)
        {
            n += s == subscriber ? 1 : 0;
        }
        steps = 0;
        for (RingSubscriber s = runHead; s != null && steps < bound; s = s.nextReady, steps++)
        {
            n += s == subscriber ? 1 : 0;
        }
        return n;
    }

    /**
     * @return the parking idle strategy, {@code null} unless the idle strategy is {@code BACKOFF}; for tests of
     *         the wake-up protocol.
     */
    ParkingIdleStrategy parking()
    {
        return parking;
    }

    void wake()
    {
        if (parking != null)
        {
            parking.wake();
        }
    }

    /**
     * A dedicated dispatcher stops once its subscription is gone.
     */
    void retire()
    {
        retired = true;
        wake();
    }

    /**
     * @return whether the thread ran and ended (a dedicated dispatcher whose subscription closed).
     */
    boolean hasFinished()
    {
        return runner.isClosed();
    }

    boolean isRunning()
    {
        final Thread thread = runner.thread();
        return thread != null && thread != AgentRunner.TOMBSTONE && thread.isAlive();
    }

    /**
     * Stop and join the thread; subscribers still attached are detached on the way out.
     */
    void close(final int timeoutMs)
    {
        retired = true;
        wake();
        // Not under this object's monitor: the thread takes it to detach its subscribers on the way out.
        if (state.getAndSet(CLOSED) == STARTED)
        {
            try
            {
                runner.close(timeoutMs, thread ->
                {
                    throw new IllegalStateException(roleName + " did not stop within " + timeoutMs +
                        " ms: a handler is stuck in " + Arrays.toString(thread.getStackTrace()));
                });
            }
            catch (final IllegalStateException ex)
            {
                errors.report(ex.getMessage());
            }
        }
    }
}
