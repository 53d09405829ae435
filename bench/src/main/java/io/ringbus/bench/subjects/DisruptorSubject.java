package io.ringbus.bench.subjects;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.EventTranslatorOneArg;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.ringbus.bench.Link;
import io.ringbus.bench.Msg;
import io.ringbus.bench.Receiver;
import io.ringbus.bench.Session;
import io.ringbus.bench.Topology;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Raw LMAX Disruptor, hand-wired as its users do: a single-producer ring of holders, one
 * {@code BatchEventProcessor} thread per receiver (multicast for fan-out), {@code publishEvent} with a static
 * translator. The ceiling Ringbus is built on.
 * <p>
 * <b>Note:</b> one sender per link.
 */
public final class DisruptorSubject extends StrategySubject
{
    private static final EventTranslatorOneArg<Holder, Msg> PUT = (holder, sequence, msg) -> holder.msg = msg;

    /**
     * @param idle the wait strategy of every processor: busy-spin, yielding or blocking.
     */
    public DisruptorSubject(final Idle idle)
    {
        super(idle, idle::disruptor);
    }

    @Override
    public String name()
    {
        return "disruptor";
    }

    @Override
    public Session open()
    {
        return new DisruptorSession();
    }

    static final class Holder
    {
        Msg msg;
    }

    private final class DisruptorSession implements Session
    {
        private final List<Disruptor<Holder>> disruptors = new ArrayList<>();

        @Override
        @SuppressWarnings("unchecked")
        public Link link(final Topology topology, final Receiver... receivers)
        {
            if (topology == Topology.COMPETING || (topology == Topology.ONE_TO_ONE && receivers.length != 1))
            {
                throw new UnsupportedOperationException("raw Disruptor 4 has no competing consumers");
            }
            final Disruptor<Holder> disruptor = new Disruptor<>(
                Holder::new, Bounds.CAPACITY, Threads.factory("disruptor"), ProducerType.SINGLE, idle.disruptor());
            final EventHandler<Holder>[] handlers = new EventHandler[receivers.length];
            for (int i = 0; i < receivers.length; i++)
            {
                final Receiver receiver = receivers[i];
                handlers[i] = (holder, sequence, endOfBatch) -> receiver.onMessage(holder.msg);
            }
            disruptor.handleEventsWith(handlers);
            disruptors.add(disruptor);
            final RingBuffer<Holder> ring = disruptor.start();
            return msg -> ring.publishEvent(PUT, msg);
        }

        @Override
        public void close()
        {
            for (final Disruptor<Holder> disruptor : disruptors)
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
}
