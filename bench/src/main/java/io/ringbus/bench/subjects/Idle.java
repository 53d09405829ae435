package io.ringbus.bench.subjects;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import io.ringbus.api.IdleStrategyKind;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

/**
 * The wait strategies a subject can be measured with, mapped onto each library's own kind, so that a ratio
 * compares like with like.
 * <p>
 * <b>Note:</b> an immutable value.
 */
public enum Idle
{
    /** Spin on the CPU: one core per waiting thread. */
    BUSY_SPIN("busy-spin"),
    /** Spin with {@link Thread#yield()}. */
    YIELDING("yielding"),
    /** Spin, then yield, then park (Ringbus's default). */
    BACKOFF("backoff"),
    /** Lock and condition (Disruptor's {@code BlockingWaitStrategy}, {@code ArrayBlockingQueue.take}). */
    BLOCKING("blocking");

    private final String label;

    Idle(final String label)
    {
        this.label = label;
    }

    /**
     * The name shown in subject ids and reports.
     *
     * @return e.g. {@code busy-spin}.
     */
    public String label()
    {
        return label;
    }

    /**
     * Ringbus's kind for this strategy.
     *
     * @return the kind.
     * @throws IllegalArgumentException for {@link #BLOCKING}, which Ringbus does not offer.
     */
    public IdleStrategyKind ringbus()
    {
        return switch (this)
        {
            case BUSY_SPIN -> IdleStrategyKind.BUSY_SPIN;
            case YIELDING -> IdleStrategyKind.YIELDING;
            case BACKOFF -> IdleStrategyKind.BACKOFF;
            case BLOCKING -> throw new IllegalArgumentException("Ringbus has no blocking idle strategy");
        };
    }

    /**
     * The Disruptor wait strategy for this kind.
     *
     * @return a fresh wait strategy.
     * @throws IllegalArgumentException for {@link #BACKOFF}, which the Disruptor does not name.
     */
    public WaitStrategy disruptor()
    {
        return switch (this)
        {
            case BUSY_SPIN -> new BusySpinWaitStrategy();
            case YIELDING -> new YieldingWaitStrategy();
            case BLOCKING -> new BlockingWaitStrategy();
            case BACKOFF -> throw new IllegalArgumentException("the Disruptor has no backoff wait strategy");
        };
    }

    /**
     * The Agrona idle strategy a polling consumer thread of a plain queue uses.
     *
     * @return a fresh idle strategy.
     * @throws IllegalArgumentException for {@link #BLOCKING}: a polled queue cannot block.
     */
    public IdleStrategy agrona()
    {
        return switch (this)
        {
            case BUSY_SPIN -> new BusySpinIdleStrategy();
            case YIELDING -> new YieldingIdleStrategy();
            case BACKOFF -> new BackoffIdleStrategy();
            case BLOCKING -> throw new IllegalArgumentException("a polled queue has no blocking strategy");
        };
    }
}
