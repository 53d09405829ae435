package io.ringbus.api;

import java.time.Duration;
import java.util.Objects;

/**
 * How often a queue retries a message whose handler threw, and how long it waits between tries.
 *
 * <pre>{@code
 * RetryPolicy policy = RetryPolicy.exponential(5, Duration.ofMillis(10), Duration.ofSeconds(1));
 * }</pre>
 * <p>
 * <b>Note:</b> immutable, so thread-safe.
 *
 * @param maxAttempts    total attempts including the first, at least 1.
 * @param initialBackoff wait before the second attempt, not negative.
 * @param multiplier     factor applied to the wait after each attempt, at least 1.
 * @param maxBackoff     upper bound of the wait, not less than {@code initialBackoff}.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff)
{
    /**
     * Validates.
     *
     * @param maxAttempts    at least 1.
     * @param initialBackoff not negative.
     * @param multiplier     at least 1.
     * @param maxBackoff     not less than {@code initialBackoff}.
     */
    public RetryPolicy
    {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxAttempts < 1)
        {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        if (initialBackoff.isNegative())
        {
            throw new IllegalArgumentException("initialBackoff must not be negative: " + initialBackoff);
        }
        if (!(multiplier >= 1.0))
        {
            throw new IllegalArgumentException("multiplier must be at least 1: " + multiplier);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0)
        {
            throw new IllegalArgumentException(
                "maxBackoff must not be less than initialBackoff: " + maxBackoff + " < " + initialBackoff);
        }
    }

    /**
     * One attempt, no retry.
     *
     * @return the policy.
     */
    public static RetryPolicy none()
    {
        return new RetryPolicy(1, Duration.ZERO, 1.0, Duration.ZERO);
    }

    /**
     * A fixed wait between attempts.
     *
     * @param maxAttempts total attempts.
     * @param backoff     wait between attempts.
     * @return the policy.
     */
    public static RetryPolicy fixed(final int maxAttempts, final Duration backoff)
    {
        return new RetryPolicy(maxAttempts, backoff, 1.0, backoff);
    }

    /**
     * A wait that doubles after each attempt, up to a bound.
     *
     * @param maxAttempts    total attempts.
     * @param initialBackoff first wait.
     * @param maxBackoff     largest wait.
     * @return the policy.
     */
    public static RetryPolicy exponential(final int maxAttempts, final Duration initialBackoff, final Duration maxBackoff)
    {
        return new RetryPolicy(maxAttempts, initialBackoff, 2.0, maxBackoff);
    }

    /**
     * The wait before a given attempt.
     *
     * @param attempt the attempt about to be made, from 2.
     * @return the wait, never more than {@link #maxBackoff()}.
     */
    public Duration backoffBefore(final int attempt)
    {
        if (attempt < 2)
        {
            throw new IllegalArgumentException("attempt must be at least 2: " + attempt);
        }
        final double nanos = initialBackoff.toNanos() * Math.pow(multiplier, attempt - 2);
        return nanos >= maxBackoff.toNanos() ? maxBackoff : Duration.ofNanos((long)nanos);
    }
}
