package io.ringbus.patterns.messaging;

import io.ringbus.api.Handler;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Wraps a handler so that a message whose id was already handled is dropped and counted instead of handled
 * again: at-least-once delivery (a retry, an IPC redelivery after a crash) becomes effectively-once within the
 * window.
 *
 * <pre>{@code
 * queue.consume(new IdempotentConsumer<>(Payment::id, 100_000, p -> gateway.charge(p)));
 * }</pre>
 * <p>
 * <b>Window and eviction.</b> It remembers the ids of the last {@code window} distinct messages, in the order
 * they were first seen; when a new id would exceed the window, the oldest id is forgotten ({@link #evicted()}
 * counts them). A duplicate that arrives after {@code window} newer distinct messages is therefore handled again:
 * size the window to cover the longest redelivery delay. Memory is bounded by the window.
 * <p>
 * <b>Failures.</b> An id is remembered from the moment its handling starts, so a concurrent duplicate is dropped
 * rather than handled twice; if the handler throws, the id is forgotten again so that a redelivery is handled.
 * <p>
 * <b>Note:</b> thread-safe; the wrapped handler is called on the caller's thread.
 *
 * @param <M> type of the messages.
 */
public final class IdempotentConsumer<M> implements Handler<M>
{
    private final Function<? super M, ?> idOf;
    private final Handler<? super M> handler;
    private final Map<Object, Boolean> seen;
    private long handled;
    private long duplicates;
    private long evicted;

    /**
     * @param idOf    the message's id, never {@code null}; ids must have value equality.
     * @param window  how many distinct ids to remember, positive.
     * @param handler handles each message once.
     */
    public IdempotentConsumer(final Function<? super M, ?> idOf, final int window, final Handler<? super M> handler)
    {
        this.idOf = Objects.requireNonNull(idOf, "idOf");
        this.handler = Objects.requireNonNull(handler, "handler");
        if (window <= 0)
        {
            throw new IllegalArgumentException("window " + window + " must be positive");
        }
        this.seen = new LinkedHashMap<>(Math.min(window, 1 << 16) * 2, 0.75f, false)
        {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(final Map.Entry<Object, Boolean> eldest)
            {
                final boolean full = size() > window;
                if (full)
                {
                    evicted++;
                }
                return full;
            }
        };
    }

    @Override
    public void onEvent(final M message) throws Exception
    {
        final Object id = Objects.requireNonNull(idOf.apply(message), "the message's id is null");
        synchronized (this)
        {
            if (seen.containsKey(id))
            {
                duplicates++;
                return;
            }
            seen.put(id, Boolean.TRUE);
        }
        try
        {
            handler.onEvent(message);
        }
        catch (final Exception | Error ex)
        {
            synchronized (this)
            {
                seen.remove(id);
            }
            throw ex;
        }
        synchronized (this)
        {
            handled++;
        }
    }

    /**
     * @return how many messages were handled.
     */
    public synchronized long handled()
    {
        return handled;
    }

    /**
     * @return how many duplicates were dropped.
     */
    public synchronized long duplicates()
    {
        return duplicates;
    }

    /**
     * @return how many ids were forgotten to keep the window.
     */
    public synchronized long evicted()
    {
        return evicted;
    }
}
