package io.ringbus.bench.subjects;

import io.ringbus.Ringbus;
import io.ringbus.api.Bus;

/**
 * Base of the Ringbus subjects: every one measures a bus built the same way (its idle strategy, the shared
 * capacity, one shared dispatcher thread; dedicated threads where a subject asks for them), except the many-topics
 * subjects, which measure the bus a new user gets ({@link #newDefaultBus()}).
 * <p>
 * <b>Note:</b> immutable; thread-safe.
 */
abstract class RingbusSubject extends StrategySubject
{
    RingbusSubject(final Idle idle)
    {
        super(idle, idle::ringbus);
    }

    /** A new bus for one session, closed by the session. */
    final Bus newBus()
    {
        return Ringbus.builder().idle(idle.ringbus()).ringSize(Bounds.CAPACITY).dispatcherThreads(1).build();
    }

    /**
     * A new bus with Ringbus's defaults (ring size, dispatcher threads, and any {@code ringbus.*} system property)
     * but this subject's idle strategy, closed by the session.
     */
    final Bus newDefaultBus()
    {
        return Ringbus.builder().idle(idle.ringbus()).build();
    }
}
