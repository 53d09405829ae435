package io.ringbus.disruptor;

import io.ringbus.api.SubscribeOptions;

import java.util.Objects;

/**
 * Checks of {@link SubscribeOptions} that apply to one topic's ring only, for the subscriptions that have no
 * such ring, so that nobody believes they took effect.
 */
final class Options
{
    private Options()
    {
    }

    /**
     * For a queue consumer: consumers compete for messages, so there is no "after" and nothing to replay.
     */
    static void checkSupported(final SubscribeOptions options)
    {
        refuseTopicOnly(options, "a queue consumer: consumers compete for each message");
    }

    /**
     * For a pattern subscription: it spans topics, each with its own ring and order.
     */
    static void checkForPattern(final SubscribeOptions options)
    {
        refuseTopicOnly(options, "a pattern subscription: it spans topics, each with its own ring and order; " +
            "subscribe to the topic itself");
    }

    private static void refuseTopicOnly(final SubscribeOptions options, final String what)
    {
        Objects.requireNonNull(options, "options");
        if (!options.after().isEmpty())
        {
            throw new IllegalArgumentException("SubscribeOptions.after(...) does not apply to " + what);
        }
        if (options.replayLast() != 0)
        {
            throw new IllegalArgumentException("SubscribeOptions.replayLast(...) does not apply to " + what);
        }
    }
}
