package io.ringbus.bench.subjects;

import io.ringbus.Ringbus;
import io.ringbus.api.Bus;

/**
 * Base of the Ringbus subjects: every one measures a bus built the same way (its idle strategy, the shared
 * capacity, one shared dispatcher thread; dedicated threads where a subject asks for them).
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
}
