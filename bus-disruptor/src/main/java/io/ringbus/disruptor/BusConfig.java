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
 */
public record BusConfig(
    int ringSize,
    IdleStrategyKind idleStrategy,
    int dispatcherThreads,
    ErrorHandler errorHandler,
    BackpressurePolicy backpressure,
    Duration closeTimeout)
{
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
    }
}
