package io.ringbus.api;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits in tests: every wait has a deadline and fails with a message, never sleeps a fixed time to "let things
 * settle".
 */
public final class Await
{
    /** The default deadline of a wait: generous, since CI machines are shared and slow. */
    public static final Duration DEFAULT = Duration.ofSeconds(30);

    private Await()
    {
    }

    /**
     * Wait until the condition holds, polling every 100 microseconds to 1 millisecond.
     *
     * @param what      says what is awaited, for the failure message.
     * @param condition the condition.
     */
    public static void until(final String what, final BooleanSupplier condition)
    {
        until(what, DEFAULT, condition);
    }

    /**
     * Wait until the condition holds or the timeout passes.
     *
     * @param what      says what is awaited.
     * @param timeout   the deadline.
     * @param condition the condition.
     */
    public static void until(final String what, final Duration timeout, final BooleanSupplier condition)
    {
        until(() -> what, timeout, condition);
    }

    /**
     * Wait until the condition holds, with a message computed on failure (to show the state reached).
     *
     * @param what      computes the failure message.
     * @param timeout   the deadline.
     * @param condition the condition.
     */
    public static void until(final Supplier<String> what, final Duration timeout, final BooleanSupplier condition)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        long park = 100_000L;
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline > 0)
            {
                throw new AssertionError("timed out after " + timeout + " waiting for: " + what.get());
            }
            LockSupport.parkNanos(park);
            park = Math.min(park * 2, 1_000_000L);
        }
    }
}
