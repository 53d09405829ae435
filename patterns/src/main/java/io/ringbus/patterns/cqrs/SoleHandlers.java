package io.ringbus.patterns.cqrs;

import io.ringbus.api.Registration;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The handler table of a {@link CommandBus} or {@link QueryBus}: exactly one handler per message type, claimed
 * before its responder is registered on the bus and given back when that registration fails or is closed.
 * <p>
 * <b>Note:</b> thread-safe.
 *
 * @param <V> what the table keeps per type (its address, and whatever else the bus needs to route to it).
 */
final class SoleHandlers<V>
{
    private final Map<Class<?>, V> handlers = new ConcurrentHashMap<>();
    private final String kind;

    /**
     * @param kind what the types are, for the message ("command", "query").
     */
    SoleHandlers(final String kind)
    {
        this.kind = kind;
    }

    V get(final Class<?> type)
    {
        return handlers.get(type);
    }

    /**
     * Claim {@code type} for {@code value}, then register its responder.
     *
     * @param respond registers the responder on the bus.
     * @return a registration that closes the responder, then frees the type.
     * @throws IllegalStateException if {@code type} already has a handler.
     */
    Registration claim(final Class<?> type, final V value, final Supplier<Registration> respond)
    {
        if (handlers.putIfAbsent(type, value) != null)
        {
            throw new IllegalStateException(kind + " type " + type.getName() + " already has a handler: a " + kind +
                " type has exactly one");
        }
        final Registration responding;
        try
        {
            responding = respond.get();
        }
        catch (final RuntimeException ex)
        {
            handlers.remove(type);
            throw ex;
        }
        return new Registration()
        {
            private volatile boolean closed;

            @Override
            public void close()
            {
                if (!closed)
                {
                    closed = true;
                    responding.close();
                    handlers.remove(type, value);
                }
            }
        };
    }
}
