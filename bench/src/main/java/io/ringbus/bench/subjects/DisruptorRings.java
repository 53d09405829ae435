package io.ringbus.bench.subjects;

import com.lmax.disruptor.EventFactory;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.ringbus.bench.Receiver;
import io.ringbus.bench.Topology;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The raw Disruptors of one session, hand-wired as their users do: a single-producer ring of
 * {@link Bounds#CAPACITY} events, one {@code BatchEventProcessor} thread per receiver (multicast for fan-out), the
 * subject's wait strategy; all shut down when the session closes. The raw Disruptor subjects differ only in their
 * event and how it reaches the receiver.
 * <p>
 * <b>Note:</b> used by one session's harness thread.
 */
final class DisruptorRings
{
    private final List<Disruptor<?>> disruptors = new ArrayList<>();

    /**
     * Starts one ring delivering to the receivers.
     *
     * @param factory  makes the ring's preallocated events.
     * @param idle     the wait strategy of every processor.
     * @param topology {@link Topology#ONE_TO_ONE} (one receiver) or {@link Topology#FAN_OUT}.
     * @param receivers the receivers, a processor thread each.
     * @param handler  the event handler that hands an event to one receiver.
     * @param <E>      the event type.
     * @return the started ring, to publish into from one thread.
     * @throws UnsupportedOperationException for another topology.
     */
    @SuppressWarnings("unchecked")
    <E> RingBuffer<E> start(
        final EventFactory<E> factory, final Idle idle, final Topology topology, final Receiver[] receivers,
        final Function<Receiver, EventHandler<E>> handler)
    {
        if (topology == Topology.COMPETING || topology == Topology.ROUND_ROBIN ||
            (topology == Topology.ONE_TO_ONE && receivers.length != 1))
        {
            throw new UnsupportedOperationException("raw Disruptor 4 multicasts: no " + topology + " here");
        }
        final Disruptor<E> disruptor = new Disruptor<>(
            factory, Bounds.CAPACITY, Threads.factory("disruptor"), ProducerType.SINGLE, idle.disruptor());
        final EventHandler<E>[] handlers = new EventHandler[receivers.length];
        for (int i = 0; i < receivers.length; i++)
        {
            handlers[i] = handler.apply(receivers[i]);
        }
        disruptor.handleEventsWith(handlers);
        disruptors.add(disruptor);
        return disruptor.start();
    }

    /** Stops every ring's processors, halting those that do not drain in time. */
    void close()
    {
        for (final Disruptor<?> disruptor : disruptors)
        {
            try
            {
                disruptor.shutdown(5, TimeUnit.SECONDS);
            }
            catch (final TimeoutException ex)
            {
                disruptor.halt();
            }
        }
    }
}
