package io.ringbus.api;

/**
 * How a dispatcher thread waits when it has no work.
 * <p>
 * <b>Note:</b> immutable, so thread-safe.
 */
public enum IdleStrategyKind
{
    /**
     * Spin on the CPU: lowest latency, burns one core per dispatcher thread even when idle.
     */
    BUSY_SPIN,

    /**
     * Yield the CPU between polls: low latency, keeps the core busy but lets other threads run.
     */
    YIELDING,

    /**
     * The default: spin briefly, then yield, then park until a publisher wakes the thread. Costs no CPU when
     * idle and wakes within tens of microseconds.
     */
    BACKOFF
}
