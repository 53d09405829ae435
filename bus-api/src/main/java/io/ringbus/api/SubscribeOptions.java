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
     * Dependency ordering (Disruptor's {@code handleEventsWith(a).then(b)}): see an event only after each of the
     * given subscriptions has handled it, for pipelines such as journal, then replicate, then business logic.
     * Several predecessors make a diamond: the event waits for all of them. The subscriber still sees every
     * event in the topic's order, and an event one predecessor's handler changed (in slot mode) is seen changed.
     * <p>
     * Rules: each predecessor must be an open subscription made on the same topic (through
     * {@link Topic#subscribe} or a type-addressed subscribe of the same type), not a pattern subscription or a
     * queue consumer, and {@code after} cannot be combined with {@link #replayLast(int)}; otherwise subscribing
     * throws {@link IllegalArgumentException}. When a predecessor is closed later, this subscription stops
     * waiting for it: it goes on through what the predecessor had handled, then follows the ring (and its other
     * predecessors) as if that predecessor had never been named.
     *
     * @param predecessors subscriptions to follow.
     * @return new options.
     */
    public SubscribeOptions after(final Subscription... predecessors)
    {
        return new SubscribeOptions(dedicatedThread, List.of(predecessors), replayLast);
    }

    /**
     * Replay: deliver the last {@code count} events still held in the topic's ring, oldest first, then the live
     * ones, with no gap and no duplicate between them. Fewer are replayed when the ring holds fewer: never more
     * than its size, never an event whose slot a publisher has overwritten or not finished publishing, and never
     * an event published while the topic had no subscriber (such events are not put in the ring). The replayed
     * events are captured when {@code subscribe} returns; in slot mode they are copies made with the topic's
     * copier, so a slot-mode topic must be declared with one. Applies to topic and type-addressed
     * subscriptions, not to patterns or queues, and not together with {@link #after(Subscription...)}.
     *
     * @param count how many, not negative; {@code 0} for none.
     * @return new options.
     */
    public SubscribeOptions replayLast(final int count)
    {
        return new SubscribeOptions(dedicatedThread, after, count);
    }
}
