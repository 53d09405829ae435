package io.ringbus.api;

/**
 * Wraps an event given to {@link Bus#publish(Object)} that no subscriber of its class or supertypes received.
 * Subscribe to {@code DeadEvent} to see them; they are counted in {@link BusStats#deadEvents()} either way.
 * <p>
 * <b>Note:</b> immutable itself; the wrapped event is shared as it was published.
 *
 * @param event the event nobody listened to.
 */
public record DeadEvent(Object event)
{
}
