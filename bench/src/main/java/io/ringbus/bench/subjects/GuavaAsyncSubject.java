package io.ringbus.bench.subjects;

import com.google.common.eventbus.AsyncEventBus;
import com.google.common.eventbus.EventBus;
import com.google.common.eventbus.Subscribe;
import io.ringbus.bench.Link;
import io.ringbus.bench.Msg;
import io.ringbus.bench.Receiver;
import io.ringbus.bench.Session;
import io.ringbus.bench.Subject;
import io.ringbus.bench.Topology;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * Guava {@code AsyncEventBus}: {@code post(msg)} to {@code @Subscribe} methods run by an executor with one
 * thread per receiver. Guava's default subscribers are synchronized, so each receiver sees one message at a time.
 * The executor's queue is unbounded (Guava has no backpressure).
 * <p>
 * <b>Note:</b> one sender per link.
 */
public final class GuavaAsyncSubject implements Subject
{
    @Override
    public String name()
    {
        return "guava-async";
    }

    @Override
    public String idle()
    {
        return "executor";
    }

    /** Guava finds subscriber methods by reflection, so this is public. */
    public static final class Listener
    {
        private final Receiver receiver;

        Listener(final Receiver receiver)
        {
            this.receiver = receiver;
        }

        /**
         * Delivers one message.
         *
         * @param msg the message.
         */
        @Subscribe
        public void on(final Msg msg)
        {
            receiver.onMessage(msg);
        }
    }

    @Override
    public Session open()
    {
        return new Session()
        {
            private final List<ExecutorService> executors = new ArrayList<>();

            @Override
            public Link link(final Topology topology, final Receiver... receivers)
            {
                if (topology == Topology.COMPETING)
                {
                    throw new UnsupportedOperationException("an event bus delivers to every subscriber");
                }
                final ExecutorService executor = Threads.pool("guava", receivers.length);
                executors.add(executor);
                final EventBus bus = new AsyncEventBus(executor);
                for (final Receiver receiver : receivers)
                {
                    bus.register(new Listener(receiver));
                }
                return bus::post;
            }

            @Override
            public void close() throws InterruptedException
            {
                for (final ExecutorService executor : executors)
                {
                    Threads.stop(executor);
                }
            }
        };
    }
}
