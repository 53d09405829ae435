package io.ringbus.disruptor;

import org.agrona.concurrent.IdleStrategy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Spin, then yield, then park until a publisher calls {@link #wake()}: no CPU burnt while idle, and a wake-up
 * within the time the OS takes to schedule the thread.
 * <p>
 * The park is bounded ({@link #MAX_PARK_NANOS}) only as a safety net; correctness rests on the flag protocol
 * described in the package documentation, not on the timeout.
 */
final class ParkingIdleStrategy implements IdleStrategy
{
    static final int SPINS = 100;
    static final int YIELDS = 50;
    static final long MAX_PARK_NANOS = 10_000_000L;

    private static final VarHandle PARKED;

    static
    {
        try
        {
            PARKED = MethodHandles.lookup().findVarHandle(ParkingIdleStrategy.class, "parked", boolean.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final BooleanSupplier hasWork;
    private volatile boolean parked;
    private volatile Thread thread;
    private int idleCount;

    ParkingIdleStrategy(final BooleanSupplier hasWork)
    {
        this.hasWork = hasWork;
    }

    void bindToCurrentThread()
    {
        thread = Thread.currentThread();
    }

    /**
     * Unpark the dispatcher if it is parked. Called after pushing a subscriber onto the dispatcher's ready stack
     * (a CAS, so this read of the flag comes after it); the CAS here makes exactly one of several racing callers
     * pay for the unpark.
     */
    boolean wake()
    {
        if (parked && PARKED.compareAndSet(this, true, false))
        {
            final Thread t = thread;
            if (t != null)
            {
                LockSupport.unpark(t);
            }
            return true;
        }
        return false;
    }

    @Override
    public void idle(final int workCount)
    {
        if (workCount > 0)
        {
            idleCount = 0;
        }
        else
        {
            idle();
        }
    }

    @Override
    public void idle()
    {
        final int n = idleCount;
        if (n < SPINS)
        {
            idleCount = n + 1;
            Thread.onSpinWait();
        }
        else if (n < SPINS + YIELDS)
        {
            idleCount = n + 1;
            Thread.yield();
        }
        else
        {
            park();
        }
    }

    private void park()
    {
        if (prepareToPark())
        {
            LockSupport.parkNanos(this, MAX_PARK_NANOS);
            parked = false;
        }
    }

    /**
     * Raise the flag, then look for work (a subscriber on the ready stack) once more.
     *
     * @return true if the thread may park: any later publish will see the flag and unpark it.
     */
    boolean prepareToPark()
    {
        parked = true;
        // StoreLoad: the flag must be visible before the ready stack is read, or a publisher could miss it.
        VarHandle.fullFence();
        if (hasWork.getAsBoolean())
        {
            parked = false;
            return false;
        }
        return true;
    }

    @Override
    public void reset()
    {
        idleCount = 0;
    }

    @Override
    public String alias()
    {
        return "parking";
    }
}
