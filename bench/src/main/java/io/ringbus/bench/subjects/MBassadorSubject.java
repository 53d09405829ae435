package io.ringbus.bench.subjects;

import io.ringbus.bench.Link;
import io.ringbus.bench.Msg;
import io.ringbus.bench.Receiver;
import io.ringbus.bench.Session;
import io.ringbus.bench.Subject;
import io.ringbus.bench.Topology;
import net.engio.mbassy.bus.MBassador;
import net.engio.mbassy.bus.config.BusConfiguration;
import net.engio.mbassy.bus.config.Feature;
import net.engio.mbassy.bus.error.IPublicationErrorHandler;

import java.util.ArrayList;
import java.util.List;

/**
 * MBassador: {@code post(msg).asynchronously()} to a {@code @Handler} method, run by one message dispatcher
 * thread (so messages stay in order) fed through MBassador's pending-message queue.
 * <p>
 * <b>Note:</b> one sender per link, one receiver.
 */
public final class MBassadorSubject implements Subject
{
    @Override
    public String name()
    {
        return "mbassador";
    }

    @Override
    public String idle()
    {
        return "blocking";
    }

    /** MBassador finds handler methods by reflection, so this is public. */
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
        @net.engio.mbassy.listener.Handler
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
            private final List<MBassador<Msg>> buses = new ArrayList<>();
            // MBassador holds listeners weakly: keep them reachable for the session's life.
            private final List<Listener> listeners = new ArrayList<>();

            @Override
            public Link link(final Topology topology, final Receiver... receivers)
            {
                if (topology != Topology.ONE_TO_ONE || receivers.length != 1)
                {
                    throw new UnsupportedOperationException("measured with one receiver only");
                }
                final BusConfiguration config = new BusConfiguration();
                config.addFeature(Feature.SyncPubSub.Default());
                config.addFeature(Feature.AsynchronousHandlerInvocation.Default(1, 1));
                config.addFeature(Feature.AsynchronousMessageDispatch.Default()
                    .setNumberOfMessageDispatchers(1)
                    .setDispatcherThreadFactory(Threads.factory("mbassador")));
                config.addPublicationErrorHandler(new IPublicationErrorHandler.ConsoleLogger());
                final MBassador<Msg> bus = new MBassador<>(config);
                buses.add(bus);
                final Listener listener = new Listener(receivers[0]);
                listeners.add(listener);
                bus.subscribe(listener);
                return msg -> bus.post(msg).asynchronously();
            }

            @Override
            public void close()
            {
                buses.forEach(MBassador::shutdown);
                listeners.clear();
            }
        };
    }
}
