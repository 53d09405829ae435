package io.ringbus.api;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A snapshot of a bus's counters, readable in code and as a text table ({@link #toString()}).
 * <p>
 * <b>Note:</b> immutable, so thread-safe.
 *
 * <pre>{@code
 * System.out.println(bus.stats());
 * long depth = bus.stats().destination("payments").orElseThrow().depth();
 * }</pre>
 *
 * @param destinations      every destination's counters, sorted by kind then name.
 * @param deadEvents        events given to {@link Bus#publish(Object)} that no subscriber received.
 * @param dispatcherThreads dispatcher threads running now, shared and dedicated.
 * @param errorHandlerFailures times the bus's {@link ErrorHandler} itself threw.
 */
public record BusStats(
    List<DestinationStats> destinations, long deadEvents, int dispatcherThreads, long errorHandlerFailures)
{
    /**
     * Copies the list.
     *
     * @param destinations         counters per destination.
     * @param deadEvents           dead event count.
     * @param dispatcherThreads    threads running now.
     * @param errorHandlerFailures times the error handler threw.
     */
    public BusStats
    {
        destinations = List.copyOf(destinations);
    }

    /**
     * Counters of one destination by name.
     *
     * @param name of a topic, queue or address, or a class name for type-addressed events.
     * @return the counters, or empty if there is no such destination.
     */
    public Optional<DestinationStats> destination(final String name)
    {
        for (final DestinationStats d : destinations)
        {
            if (d.name().equals(name))
            {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /**
     * A fixed-width table, one destination a row.
     *
     * @return the table.
     */
    @Override
    public String toString()
    {
        int width = "destination".length();
        for (final DestinationStats d : destinations)
        {
            width = Math.max(width, d.name().length());
        }
        final String header = "%-8s %-" + width + "s %10s %12s %12s %9s %9s %5s %9s %9s %9s %9s%n";
        final String row = "%-8s %-" + width + "s %10d %12d %12d %9d %9d %5d %9d %9d %9d %9d%n";
        final StringBuilder sb = new StringBuilder(128 + destinations.size() * (128 + width));
        sb.append(String.format(header,
            "kind", "destination", "capacity", "published", "delivered", "failures", "depth", "subs", "unrouted",
            "retries", "dead", "delayed"));
        for (final DestinationStats d : destinations)
        {
            sb.append(String.format(row,
                d.kind().name().toLowerCase(Locale.ROOT), d.name(), d.capacity(), d.published(), d.delivered(),
                d.failures(), d.depth(), d.subscribers(), d.unrouted(), d.retries(), d.deadLettered(), d.delayed()));
        }
        sb.append(String.format("dead events: %d, dispatcher threads: %d, error handler failures: %d%n",
            deadEvents, dispatcherThreads, errorHandlerFailures));
        return sb.toString();
    }
}
