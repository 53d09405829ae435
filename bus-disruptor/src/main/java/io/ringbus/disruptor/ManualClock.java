package io.ringbus.disruptor;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only when told to, for tests of delays, retries and request timeouts:
 * {@code Ringbus.builder().clock(clock)}, then {@link #advance(Duration)}. The bus's timer thread notices the
 * new time within one timer tick of real time.
 * <p>
 * <b>Note:</b> thread-safe.
 *
 * <pre>{@code
 * ManualClock clock = new ManualClock();
 * try (Bus bus = Ringbus.builder().clock(clock).build()) {
 *     queue.sendAfter(message, Duration.ofMinutes(5));
 *     clock.advance(Duration.ofMinutes(5));        // now it is due
 * }
 * }</pre>
 */
public final class ManualClock implements TimerClock
{
    private final Instant origin;
    private final AtomicLong nanos = new AtomicLong();

    /**
     * A clock whose wall time starts at {@link Instant#EPOCH}.
     */
    public ManualClock()
    {
        this(Instant.EPOCH);
    }

    /**
     * A clock whose wall time starts at {@code origin}.
     *
     * @param origin the wall time now.
     */
    public ManualClock(final Instant origin)
    {
        this.origin = origin;
    }

    /**
     * Move time forward.
     *
     * @param duration how far, not negative.
     * @return the new {@link #nanoTime()}.
     */
    public long advance(final Duration duration)
    {
        if (duration.isNegative())
        {
            throw new IllegalArgumentException("a clock only moves forward: " + duration);
        }
        return nanos.addAndGet(duration.toNanos());
    }

    @Override
    public long nanoTime()
    {
        return nanos.get();
    }

    @Override
    public Instant instant()
    {
        return origin.plusNanos(nanos.get());
    }

    @Override
    public String toString()
    {
        return "ManualClock[" + instant() + "]";
    }
}
