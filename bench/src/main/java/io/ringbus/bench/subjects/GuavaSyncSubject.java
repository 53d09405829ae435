package io.ringbus.bench.subjects;

import com.google.common.eventbus.EventBus;
import io.ringbus.bench.Link;
import io.ringbus.bench.Receiver;
import io.ringbus.bench.Session;
import io.ringbus.bench.Subject;
import io.ringbus.bench.Topology;

/**
 * Guava's synchronous {@code EventBus}: {@code post(msg)} calls the {@code @Subscribe} method on the posting
 * thread. No hand-off at all, so it is a reference for the cost of annotated dispatch, not a ping-pong peer.
 * <p>
 * <b>Note:</b> one sender per link; receivers run on the sender's thread.
 */
public final class GuavaSyncSubject implements Subject
{
    @Override
    public String name()
    {
        return "guava-sync";
    }

    @Override
    public String idle()
    {
        return "caller";
    }

    @Override
    public Session open()
    {
        return new Session()
        {
            @Override
            public Link link(final Topology topology, final Receiver... receivers)
            {
                if (topology == Topology.COMPETING)
                {
                    throw new UnsupportedOperationException("an event bus delivers to every subscriber");
                }
                final EventBus bus = new EventBus();
                for (final Receiver receiver : receivers)
                {
                    bus.register(new GuavaAsyncSubject.Listener(receiver));
                }
                return bus::post;
            }

            @Override
            public void close()
            {
            }
        };
    }
}
