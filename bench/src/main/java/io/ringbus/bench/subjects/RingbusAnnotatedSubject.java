package io.ringbus.bench.subjects;

import io.ringbus.api.Bus;
import io.ringbus.api.annotation.Subscribe;
import io.ringbus.bench.Link;
import io.ringbus.bench.Msg;
import io.ringbus.bench.Receiver;
import io.ringbus.bench.Session;
import io.ringbus.bench.Topology;

/**
 * Ringbus type-addressed publish to an annotated listener: {@code bus.register(listener)} with a
 * {@code @Subscribe} method, {@code bus.publish(msg)}; compared with {@link RingbusLambdaSubject}, which is the
 * same path with a plain {@code Handler} lambda. One shared dispatcher thread.
 * <p>
 * <b>Note:</b> one sender; one link per session (the address is the message's class).
 */
public final class RingbusAnnotatedSubject extends RingbusSubject
{
    /**
     * @param idle the bus's idle strategy: busy-spin, yielding or backoff.
     */
    public RingbusAnnotatedSubject(final Idle idle)
    {
        super(idle);
    }

    @Override
    public String name()
    {
        return "ringbus-annotated";
    }

    static final class Listener
    {
        private final Receiver receiver;

        Listener(final Receiver receiver)
        {
            this.receiver = receiver;
        }

        @Subscribe
        void on(final Msg msg)
        {
            receiver.onMessage(msg);
        }
    }

    @Override
    public Session open()
    {
        final Bus bus = newBus();
        return new Session()
        {
            private boolean linked;

            @Override
            public Link link(final Topology topology, final Receiver... receivers)
            {
                if (topology != Topology.ONE_TO_ONE || linked)
                {
                    throw new UnsupportedOperationException("type-addressed: one receiver per session");
                }
                linked = true;
                bus.register(new Listener(receivers[0]));
                return bus::publish;
            }

            @Override
            public void close()
            {
                bus.close();
            }
        };
    }
}
