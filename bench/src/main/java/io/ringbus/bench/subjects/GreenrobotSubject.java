package io.ringbus.bench.subjects;

import io.ringbus.bench.Link;
import io.ringbus.bench.Msg;
import io.ringbus.bench.Receiver;
import io.ringbus.bench.Session;
import io.ringbus.bench.Subject;
import io.ringbus.bench.Topology;
import org.greenrobot.eventbus.EventBus;
import org.greenrobot.eventbus.Subscribe;
import org.greenrobot.eventbus.ThreadMode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * greenrobot EventBus (plain Java build): {@code post(msg)} to a {@code @Subscribe(threadMode = ASYNC)} method,
 * run by a one-thread executor (so messages stay in order). Unbounded, no backpressure.
 * <p>
 * <b>Note:</b> one sender per link, one receiver.
 */
public final class GreenrobotSubject implements Subject
{
    @Override
    public String name()
    {
        return "greenrobot";
    }

    @Override
    public String idle()
    {
        return "executor";
    }

    /** greenrobot finds subscriber methods by reflection, so this is public. */
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
        @Subscribe(threadMode = ThreadMode.ASYNC)
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
                if (topology != Topology.ONE_TO_ONE || receivers.length != 1)
                {
                    throw new UnsupportedOperationException("measured with one receiver only");
                }
                final ExecutorService executor = Threads.singleThread("greenrobot");
                executors.add(executor);
                final EventBus bus = EventBus.builder()
                    .executorService(executor)
                    .logNoSubscriberMessages(false)
                    .sendNoSubscriberEvent(false)
                    .build();
                bus.register(new Listener(receivers[0]));
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
