package io.ringbus.disruptor;

import io.ringbus.support.HandlerDescriptions;

/**
 * Names handlers for people reading error reports: an annotated method by its listener class and method, a
 * lambda by the class it was written in, anything else by its own {@code toString()} if it has one. Annotated
 * methods are described where they are bound ({@link HandlerDescriptions}), for every engine.
 * <p>
 * <b>Note:</b> thread-safe; used when binding listeners and on error paths, never per event.
 */
final class HandlerNames
{
    private HandlerNames()
    {
    }

    static String describe(final Object handler)
    {
        if (handler == null)
        {
            return "an unknown handler";
        }
        if (handler instanceof String text)
        {
            return text;
        }
        final String registered = HandlerDescriptions.of(handler);
        if (registered != null)
        {
            return registered;
        }
        final String className = handler.getClass().getName();
        final int lambda = className.indexOf("$$Lambda");
        if (lambda > 0)
        {
            return "a lambda in " + className.substring(0, lambda);
        }
        final String text = handler.toString();
        return text.startsWith(className + "@") ? className : text;
    }

    /**
     * A duration for people: {@code 850 us}, {@code 12 ms}, {@code 3.2 s}, {@code 27017 h}.
     */
    static String duration(final long nanos)
    {
        if (nanos < 1_000_000L)
        {
            return (nanos / 1_000L) + " us";
        }
        if (nanos < 1_000_000_000L)
        {
            return (nanos / 1_000_000L) + " ms";
        }
        if (nanos < 3_600_000_000_000L)
        {
            return String.format(java.util.Locale.ROOT, "%.1f s", nanos / 1e9);
        }
        return (nanos / 3_600_000_000_000L) + " h";
    }
}
