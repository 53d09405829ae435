package io.ringbus.disruptor;

/**
 * One preallocated ring entry. A {@code null} event is a tombstone: a slot claimed by a publisher that then
 * found the bus closed (or whose translator threw), published only so that the sequence is not left
 * unpublished.
 * <p>
 * In slot mode {@link #preallocated} is the mutable event made once by the topic's factory; a publication
 * fills it in and points {@link #event} at it, so consumers read every slot the same way in both modes.
 */
final class Slot
{
    Object event;
    final Object preallocated;

    Slot()
    {
        this(null);
    }

    Slot(final Object preallocated)
    {
        this.preallocated = preallocated;
    }
}
