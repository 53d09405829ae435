package io.ringbus.api;

import java.util.Objects;

/**
 * How a queue treats failures and priorities, fixed when the queue is declared with
 * {@link Bus#queue(String, Class, QueueOptions)}. Each setter-like method returns a new value.
 * <p>
 * <b>Note:</b> immutable, so thread-safe.
 *
 * <pre>{@code
 * Queue<Payment> payments = bus.queue("payments", Payment.class, QueueOptions.defaults()
 *     .retry(RetryPolicy.exponential(4, Duration.ofMillis(10), Duration.ofSeconds(1)))
 *     .starvationGuard(16));
 * }</pre>
 *
 * @param retryPolicy     how a message whose handler threw is retried before it goes to the dead-letter queue
 *                        {@code <name>.dlq}; {@link RetryPolicy#none()} by default (dead-lettered after one
 *                        attempt).
 * @param starvationGuard 0 for strict priority (the default); otherwise, after this many takes in a row from a
 *                        higher priority while a lower one had messages waiting, a consumer takes one message from
 *                        the highest of those lower priorities.
 */
public record QueueOptions(RetryPolicy retryPolicy, int starvationGuard)
{
    private static final QueueOptions DEFAULTS = new QueueOptions(RetryPolicy.none(), 0);

    /**
     * Validates.
     *
     * @param retryPolicy     not {@code null}.
     * @param starvationGuard not negative.
     */
    public QueueOptions
    {
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        if (starvationGuard < 0)
        {
            throw new IllegalArgumentException("starvationGuard must not be negative (0 turns it off): " +
                starvationGuard);
        }
    }

    /**
     * The defaults: no retry, strict priority.
     *
     * @return the default options.
     */
    public static QueueOptions defaults()
    {
        return DEFAULTS;
    }

    /**
     * Retry failed messages per a policy.
     *
     * @param policy the policy.
     * @return new options.
     */
    public QueueOptions retry(final RetryPolicy policy)
    {
        return new QueueOptions(policy, starvationGuard);
    }

    /**
     * Let lower priorities through now and then.
     *
     * @param afterTakes higher-priority takes in a row before one lower-priority message is taken; 0 for strict
     *                   priority.
     * @return new options.
     */
    public QueueOptions starvationGuard(final int afterTakes)
    {
        return new QueueOptions(retryPolicy, afterTakes);
    }
}
