package io.ringbus.patterns.store;

import java.util.Objects;
import java.util.UUID;

/**
 * An event to append, with the id that makes a retried append idempotent: appending a batch whose ids were
 * already appended to the same stream adds nothing and returns the first append's result.
 * <p>
 * <b>Note:</b> immutable.
 *
 * @param eventId unique per event; a retry must reuse it.
 * @param event   the event, not {@code null}.
 * @param <E>     type of the events.
 */
public record EventData<E>(UUID eventId, E event)
{
    /**
     * Checks both fields.
     *
     * @param eventId unique per event.
     * @param event   the event.
     */
    public EventData
    {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(event, "event");
    }

    /**
     * An event with a fresh random id; keep the returned object to retry with the same id.
     *
     * @param event the event.
     * @param <E>   type of the events.
     * @return the event and its new id.
     */
    public static <E> EventData<E> of(final E event)
    {
        return new EventData<>(UUID.randomUUID(), event);
    }
}
