package io.ringbus.disruptor;

import java.util.concurrent.locks.LockSupport;

/**
 * The wait of a caller that cannot proceed yet (a publisher facing a full ring, close draining): spin, then
 * yield, then park for growing periods, so a short wait stays fast and a long one costs no CPU.
 */
final class Backoff
{
    private static final int SPINS = 64;
    private static final int YIELDS = 64;
    private static final long MAX_PARK_NANOS = 100_000L;

    private Backoff()
    {
    }

    static void pause(final int attempt)
    {
        if (attempt < SPINS)
        {
            Thread.onSpinWait();
        }
        else if (attempt < SPINS + YIELDS)
        {
            Thread.yield();
        }
        else
        {
            final int shift = Math.min(attempt - SPINS - YIELDS, 17);
            LockSupport.parkNanos(Math.min(1_000L << shift, MAX_PARK_NANOS));
        }
    }
}
