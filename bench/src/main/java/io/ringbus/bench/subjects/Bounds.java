package io.ringbus.bench.subjects;

import java.time.Duration;

/**
 * Sizes every bounded subject shares, so that no subject wins by a bigger buffer.
 * <p>
 * <b>Note:</b> constants only.
 */
public final class Bounds
{
    /** Capacity of every ring and bounded queue (Ringbus, Disruptor, ABQ, JCTools, Agrona). */
    public static final int CAPACITY = 1 << 14;

    /** How long a request waits for its reply before the measurement fails. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private Bounds()
    {
    }
}
