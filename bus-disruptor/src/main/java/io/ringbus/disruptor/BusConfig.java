package io.ringbus.disruptor;

import io.ringbus.api.BackpressurePolicy;
import io.ringbus.api.ErrorHandler;
import io.ringbus.api.IdleStrategyKind;

import java.time.Duration;
import java.util.Objects;

/**
 * The validated settings of one in-process bus; built by {@code io.ringbus.Ringbus.builder()}.
 * <p>
 * <b>Note:</b> immutable, so thread-safe.
 *
 * @param ringSize          events each destination's ring holds, a power of two.
 * @param idleStrategy      how dispatcher threads wait when idle.
 * @param dispatcherThreads shared dispatcher threads, at least one.
 * @param errorHandler      told about every handler failure.
 * @param backpressure      what publish and send do when a ring is full.
 * @param closeTimeout      how long {@code close()} waits for accepted events to be handled.
 * @param timerTick         the timer's resolution, rounded up to a power of two nanoseconds
 *                          ({@link #timerTickNanos()}); delayed messages, retries and request timeouts fire within
 *                          about two ticks after their deadline, never before.
 * @param clock             the time delays, retries and request timeouts run on.
 * @param checkSingleWriter whether publishes to single-writer topics check that no two threads publish at once
 *                          (a compare-and-set per publish; off by default).
 */
public record BusConfig(
    int ringSize,
    IdleStrategyKind idleStrategy,
    int dispatcherThreads,
    ErrorHandler errorHandler,
    BackpressurePolicy backpressure,
    Duration closeTimeout,
    Duration timerTick,
    TimerClock clock,
    boolean checkSingleWriter)
{
    /**
     * The finest timer tick allowed.
     */
    public static final Duration MIN_TIMER_TICK = Duration.ofNanos(1 << 10);

    /**
     * The coarsest timer tick allowed.
     */
    public static final Duration MAX_TIMER_TICK = Duration.ofNanos(1L << 30);

    /**
     * The largest ring allowed, to keep a typo from preallocating gigabytes.
     */
    public static final int MAX_RING_SIZE = 1 << 26;

    /**
     * The most shared dispatcher threads allowed.
     */
    public static final int MAX_DISPATCHER_THREADS = 256;

    /**
     * Validates every setting once.
     *
     * @param ringSize          a power of two from 2 to {@link #MAX_RING_SIZE}.
     * @param idleStrategy      not {@code null}.
     * @param dispatcherThreads from 1 to {@link #MAX_DISPATCHER_THREADS}.
     * @param errorHandler      not {@code null}.
     * @param backpressure      not {@code null}.
     * @param closeTimeout      positive.
     * @param timerTick         from {@link #MIN_TIMER_TICK} to {@link #MAX_TIMER_TICK}.
     * @param clock             not {@code null}.
     * @param checkSingleWriter any.
     */
    public BusConfig
    {
        if (ringSize < 2 || ringSize > MAX_RING_SIZE || Integer.bitCount(ringSize) != 1)
        {
            throw new IllegalArgumentException(
                "ringSize must be a power of two from 2 to " + MAX_RING_SIZE + ": " + ringSize);
        }
        Objects.requireNonNull(idleStrategy, "idleStrategy");
        if (dispatcherThreads < 1 || dispatcherThreads > MAX_DISPATCHER_THREADS)
        {
            throw new IllegalArgumentException(
                "dispatcherThreads must be from 1 to " + MAX_DISPATCHER_THREADS + ": " + dispatcherThreads);
        }
        Objects.requireNonNull(errorHandler, "errorHandler");
        Objects.requireNonNull(backpressure, "backpressure");
        Objects.requireNonNull(closeTimeout, "closeTimeout");
        if (closeTimeout.isNegative() || closeTimeout.isZero())
        {
            throw new IllegalArgumentException("closeTimeout must be positive: " + closeTimeout);
        }
        Objects.requireNonNull(timerTick, "timerTick");
        if (timerTick.compareTo(MIN_TIMER_TICK) < 0 || timerTick.compareTo(MAX_TIMER_TICK) > 0)
        {
            throw new IllegalArgumentException("timerTick must be from " + MIN_TIMER_TICK + " to " + MAX_TIMER_TICK +
                ": " + timerTick);
        }
        Objects.requireNonNull(clock, "clock");
    }

    /**
     * Settings with the default timer: a 1 ms tick on the system clock.
     *
     * @param ringSize          a power of two from 2 to {@link #MAX_RING_SIZE}.
     * @param idleStrategy      not {@code null}.
     * @param dispatcherThreads from 1 to {@link #MAX_DISPATCHER_THREADS}.
     * @param errorHandler      not {@code null}.
     * @param backpressure      not {@code null}.
     * @param closeTimeout      positive.
     */
    public BusConfig(
        final int ringSize,
        final IdleStrategyKind idleStrategy,
        final int dispatcherThreads,
        final ErrorHandler errorHandler,
        final BackpressurePolicy backpressure,
        final Duration closeTimeout)
    {
        this(ringSize, idleStrategy, dispatcherThreads, errorHandler, backpressure, closeTimeout,
            Duration.ofMillis(1), TimerClock.system(), false);
    }

    /**
     * Settings without the single-writer check.
     *
     * @param ringSize          a power of two from 2 to {@link #MAX_RING_SIZE}.
     * @param idleStrategy      not {@code null}.
     * @param dispatcherThreads from 1 to {@link #MAX_DISPATCHER_THREADS}.
     * @param errorHandler      not {@code null}.
     * @param backpressure      not {@code null}.
     * @param closeTimeout      positive.
     * @param timerTick         from {@link #MIN_TIMER_TICK} to {@link #MAX_TIMER_TICK}.
     * @param clock             not {@code null}.
     */
    public BusConfig(
        final int ringSize,
        final IdleStrategyKind idleStrategy,
        final int dispatcherThreads,
        final ErrorHandler errorHandler,
        final BackpressurePolicy backpressure,
        final Duration closeTimeout,
        final Duration timerTick,
        final TimerClock clock)
    {
        this(ringSize, idleStrategy, dispatcherThreads, errorHandler, backpressure, closeTimeout, timerTick, clock,
            false);
    }

    /**
     * The tick the timer runs at: {@link #timerTick()} rounded up to a power of two nanoseconds, as Agrona's
     * {@code DeadlineTimerWheel} needs (the default 1 ms becomes 1,048,576 ns).
     *
     * @return the tick in nanoseconds.
     */
    public long timerTickNanos()
    {
        final long nanos = timerTick.toNanos();
        return Long.bitCount(nanos) == 1 ? nanos : Long.highestOneBit(nanos) << 1;
    }

    /**
     * The same settings told about handler failures elsewhere: for an engine built on this one (the IPC bus)
     * that translates what its own wrapping handlers report before the user's handler sees it.
     *
     * @param errorHandler not {@code null}.
     * @return a copy with that error handler.
     */
    public BusConfig withErrorHandler(final ErrorHandler errorHandler)
    {
        return new BusConfig(ringSize, idleStrategy, dispatcherThreads, errorHandler, backpressure, closeTimeout,
            timerTick, clock, checkSingleWriter);
    }
}
