package io.ringbus.api;

import java.util.List;
import java.util.Objects;

/**
 * How a subscription or consumer is delivered to. Each setter-like method returns a new value.
 * <p>
 * <b>Note:</b> immutable, so thread-safe.
 *
 * <pre>{@code
 * topic.subscribe(handler, SubscribeOptions.defaults().dedicatedThread(true));
 * }</pre>
 *
 * @param dedicatedThread whether the handler gets a dispatcher thread of its own instead of a shared one.
 * @param after           subscriptions that must have handled an event before this one sees it.
 * @param replayLast      how many of the most recent events still held in the ring to deliver first.
 */
public record SubscribeOptions(boolean dedicatedThread, List<Subscription> after, int replayLast)
{
    private static final SubscribeOptions DEFAULTS = new SubscribeOptions(false, List.of(), 0);

    /**
     * Validates and copies.
     *
     * @param dedicatedThread whether the handler gets a thread of its own.
     * @param after           subscriptions to follow, not {@code null}.
     * @param replayLast      not negative.
     */
    public SubscribeOptions
    {
        after = List.copyOf(Objects.requireNonNull(after, "after"));
        if (replayLast < 0)
        {
            throw new IllegalArgumentException("replayLast must not be negative: " + replayLast);
        }
    }

    /**
     * The defaults: shared dispatcher, no ordering constraint, no replay.
     *
     * @return the default options.
     */
    public static SubscribeOptions defaults()
    {
        return DEFAULTS;
    }

    /**
     * Ask for, or give up, a dedicated dispatcher thread.
     *
     * @param dedicated {@code true} for a thread of its own.
     * @return new options.
     */
    public SubscribeOptions dedicatedThread(final boolean dedicated)
    {
        return new SubscribeOptions(dedicated, after, replayLast);
    }

    /**
     * See an event only after the given subscriptions of the same topic have handled it.
     *
     * @param predecessors subscriptions to follow.
     * @return new options.
     */
    public SubscribeOptions after(final Subscription... predecessors)
    {
        return new SubscribeOptions(dedicatedThread, List.of(predecessors), replayLast);
    }

    /**
     * Deliver the last {@code count} events still in the ring before live ones.
     *
     * @param count how many, not negative.
     * @return new options.
     */
    public SubscribeOptions replayLast(final int count)
    {
        return new SubscribeOptions(dedicatedThread, after, count);
    }
}
