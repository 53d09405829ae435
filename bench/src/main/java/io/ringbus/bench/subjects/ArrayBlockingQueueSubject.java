package io.ringbus.bench.subjects;

import io.ringbus.bench.Link;
import io.ringbus.bench.Msg;
import io.ringbus.bench.Receiver;
import io.ringbus.bench.Session;
import io.ringbus.bench.Subject;
import io.ringbus.bench.Topology;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * {@code java.util.concurrent.ArrayBlockingQueue}: {@code put} and {@code take}, one consumer thread per receiver
 * (competing when there are several). The JDK's everyday hand-off.
 * <p>
 * <b>Note:</b> one sender per link.
 */
public final class ArrayBlockingQueueSubject implements Subject
{
    @Override
    public String name()
    {
        return "abq";
    }

    @Override
    public String idle()
    {
        return Idle.BLOCKING.label();
    }

    @Override
    public Session open()
    {
        return new Session()
        {
            private final List<Thread> threads = new ArrayList<>();

            @Override
            public Link link(final Topology topology, final Receiver... receivers)
            {
                if (topology == Topology.FAN_OUT)
                {
                    throw new UnsupportedOperationException("a queue delivers each message to one consumer");
                }
                final BlockingQueue<Msg> queue = new ArrayBlockingQueue<>(Bounds.CAPACITY);
                for (final Receiver receiver : receivers)
                {
                    final Thread thread = Threads.factory("abq").newThread(() -> take(queue, receiver));
                    threads.add(thread);
                    thread.start();
                }
                return queue::put;
            }

            @Override
            public void close() throws InterruptedException
            {
                threads.forEach(Thread::interrupt);
                Threads.join(threads);
            }
        };
    }

    private static void take(final BlockingQueue<Msg> queue, final Receiver receiver)
    {
        try
        {
            while (true)
            {
                receiver.onMessage(queue.take());
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
