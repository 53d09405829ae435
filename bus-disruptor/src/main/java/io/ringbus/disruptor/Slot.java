package io.ringbus.disruptor;

/**
 * One preallocated ring entry. A {@code null} event is a tombstone: a slot claimed by a publisher that then
 * found the bus closed, published only so that the sequence is not left unpublished.
 */
final class Slot
{
    Object event;
}
