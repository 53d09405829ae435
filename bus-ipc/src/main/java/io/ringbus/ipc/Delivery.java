package io.ringbus.ipc;

/**
 * A shared queue's message as it waits in the local ring: the message and, when another node sent it, who to
 * acknowledge it to once a consumer has handled it.
 * <p>
 * <b>Note:</b> immutable; thread-safe.
 */
final class Delivery
{
    final Object message;
    final long origin;
    final long deliveryId;

    Delivery(final Object message, final long origin, final long deliveryId)
    {
        this.message = message;
        this.origin = origin;
        this.deliveryId = deliveryId;
    }

    @Override
    public String toString()
    {
        return String.valueOf(message);
    }
}
