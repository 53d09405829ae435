package io.ringbus.bench.subjects;

import io.ringbus.bench.Link;
import io.ringbus.bench.Msg;
import io.ringbus.bench.Receiver;
import io.ringbus.bench.Session;
import io.ringbus.bench.Topology;
import org.agrona.concurrent.IdleStrategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.function.Supplier;

/**
 * A plain non-blocking queue with one polling thread per receiver (competing when there are several), each
 * idling with an Agrona strategy; the sender spins ({@code onSpinWait}) while the queue is full. What a user
 * of JCTools or Agrona queues writes by hand.
 * <p>
 * <b>Note:</b> one sender per link.
 */
final class PolledQueueSession implements Session
{
    private final String name;
    private final Idle idle;
    private final Supplier<Queue<Msg>> queues;
    private final boolean competing;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    PolledQueueSession(final String name, final Idle idle, final Supplier<Queue<Msg>> queues, final boolean competing)
    {
        this.name = name;
        this.idle = idle;
        this.queues = queues;
        this.competing = competing;
    }

    @Override
    public Link link(final Topology topology, final Receiver... receivers)
    {
        if (topology == Topology.FAN_OUT || (!competing && receivers.length != 1))
        {
            throw new UnsupportedOperationException(name + " delivers each message to one consumer");
        }
        final Queue<Msg> queue = queues.get();
        for (final Receiver receiver : receivers)
        {
            final IdleStrategy strategy = idle.agrona();
            final Thread thread = Threads.factory(name).newThread(() -> poll(queue, receiver, strategy));
            threads.add(thread);
            thread.start();
        }
        return msg ->
        {
            while (!queue.offer(msg))
            {
                Thread.onSpinWait();
            }
        };
    }

    private void poll(final Queue<Msg> queue, final Receiver receiver, final IdleStrategy strategy)
    {
        while (running)
        {
            final Msg msg = queue.poll();
            if (msg != null)
            {
                receiver.onMessage(msg);
                strategy.reset();
            }
            else
            {
                strategy.idle();
            }
        }
    }

    @Override
    public void close() throws InterruptedException
    {
        running = false;
        Threads.join(threads);
    }
}
