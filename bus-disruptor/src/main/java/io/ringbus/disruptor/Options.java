package io.ringbus.disruptor;

import io.ringbus.api.SubscribeOptions;

import java.util.Objects;

/**
 * Checks of {@link SubscribeOptions} this engine does not honour yet, so that nobody believes they took effect.
 */
final class Options
{
    private Options()
    {
    }

    static void checkSupported(final SubscribeOptions options)
    {
        Objects.requireNonNull(options, "options");
        if (!options.after().isEmpty())
        {
            throw new UnsupportedOperationException(
                "SubscribeOptions.after(...) is not supported by this engine yet (dependency ordering is planned)");
        }
        if (options.replayLast() != 0)
        {
            throw new UnsupportedOperationException(
                "SubscribeOptions.replayLast(...) is not supported by this engine yet (replay is planned)");
        }
    }
}
