package io.ringbus.ipc;

import io.ringbus.api.BusClosedException;

import static io.ringbus.ipc.FrameDescriptor.KIND_QUEUE;

/**
 * Sends shared-queue messages: each to one live consumer node, round robin, and each remote send remembered
 * in the bus's unacked table until its consumer acknowledges it; what cannot go now is parked.
 * <p>
 * <b>Note:</b> thread-safe.
 */
final class QueueRouter
{
    private final AeronBus bus;

    QueueRouter(final AeronBus bus)
    {
        this.bus = bus;
    }

    /**
     * Route a queue message to one live consumer node without waiting.
     *
     * @return {@code true} if it went to the local ring or the stream; {@code false} if no consumer is known
     *         anywhere or the chosen way is full right now.
     */
    boolean tryRoute(final SharedQueue<?> q, final Object message)
    {
        final long[] remote = q.members.nodes;
        final boolean local = q.localConsumers.get() > 0;
        final int n = remote.length + (local ? 1 : 0);
        if (n == 0)
        {
            return false;
        }
        final int pick = (int)Math.floorMod(q.roundRobin.getAndIncrement(), (long)n);
        if (pick == remote.length)
        {
            try
            {
                return q.local.trySend(new Delivery(message, 0, 0));
            }
            catch (final BusClosedException ex)
            {
                return false;
            }
        }
        final long target = remote[pick];
        final long delivery = bus.nextCorrelation.incrementAndGet();
        final Scratch s = bus.scratch.get();
        final int length = bus.sender.encode(s, KIND_QUEUE, q.id, q.entry.id(), 0, target, delivery, q.entry.codec(), message);
        bus.unacked.put(delivery, new Unacked(q, message, target));
        // The receiver may have lost the target after we read the members and scanned unacked before our put: it
        // drops a node from the members before scanning, so a target still listed now is scanned if lost later.
        if (!q.members.contains(target))
        {
            return bus.unacked.remove(delivery) == null || tryRoute(q, message);
        }
        if (bus.sender.offer(s, length) > 0)
        {
            return true;
        }
        bus.unacked.remove(delivery);
        return false;
    }

    void park(final SharedQueue<?> q, final Object message)
    {
        q.parked.add(message);
        q.parkedCount.incrementAndGet();
        bus.parkedTotal.incrementAndGet();
    }

    void checkEncodable(final SharedQueue<?> q, final Object message)
    {
        final Scratch s = bus.scratch.get();
        bus.sender.encode(s, KIND_QUEUE, q.id, q.entry.id(), 0, 0, 0, q.entry.codec(), message);
    }
}
