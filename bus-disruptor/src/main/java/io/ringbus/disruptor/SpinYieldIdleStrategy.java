package io.ringbus.disruptor;

import org.agrona.concurrent.IdleStrategy;

/**
 * The {@code BUSY_SPIN} idle strategy: spin while work comes at once, yield the core once none has come for
 * {@link #SPINS} passes. It never parks and needs no wake-up.
 * <p>
 * Why not spin for ever: with more runnable threads than cores (dispatchers, publishers, other processes), a
 * dispatcher spinning on an empty ready stack holds a core that a publisher (waiting for ring space), or another
 * dispatcher holding that ring back, needs; the operating system takes it back only at the end of a time slice,
 * milliseconds later, so throughput falls to about a ring per time slice. Yielding hands the core over at once
 * when another thread is runnable, and costs one system call when none is.
 * <p>
 * <b>Note:</b> used by one dispatcher thread.
 */
final class SpinYieldIdleStrategy implements IdleStrategy
{
    /**
     * Empty passes spun before yielding: a few microseconds, longer than the gap between events of a busy
     * stream or of a round trip, so that yielding costs them nothing. Measured (fan-out 1:3 on 2 cores): 100
     * hands the core over soon enough, 1,000 already leaves publishers waiting.
     */
    static final int SPINS = 100;

    private int idleCount;

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
        if (idleCount < SPINS)
        {
            idleCount++;
            Thread.onSpinWait();
        }
        else
        {
            Thread.yield();
        }
    }

    @Override
    public void reset()
    {
        idleCount = 0;
    }

    @Override
    public String alias()
    {
        return "spin-yield";
    }
}
