package io.ringbus.bench.subjects;

import io.ringbus.bench.Subject;

/**
 * A subject measured with one of several idle strategies: holds the strategy and reports it as
 * {@link #idle()}. Checks at construction that the library offers the strategy.
 * <p>
 * <b>Note:</b> immutable; thread-safe.
 */
abstract class StrategySubject implements Subject
{
    /** The strategy this subject waits with. */
    final Idle idle;

    StrategySubject(final Idle idle, final Runnable check)
    {
        this.idle = idle;
        check.run();
    }

    @Override
    public final String idle()
    {
        return idle.label();
    }
}
