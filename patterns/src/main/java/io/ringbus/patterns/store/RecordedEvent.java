package io.ringbus.patterns.store;

import java.util.UUID;

/**
 * An event as the store holds it.
 * <p>
 * <b>Note:</b> immutable; the event itself is shared by every reader of the in-memory store and must not be
 * changed.
 *
 * @param streamId  the stream it belongs to.
 * @param version   its version in that stream, from 0.
 * @param position  its global position in the store, from 0.
 * @param eventId   the id it was appended with.
 * @param timestamp when it was appended, milliseconds since the epoch.
 * @param event     the event.
 * @param <E>       type of the events.
 */
public record RecordedEvent<E>(String streamId, long version, long position, UUID eventId, long timestamp, E event)
{
}
