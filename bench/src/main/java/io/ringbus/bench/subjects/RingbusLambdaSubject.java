package io.ringbus.bench.subjects;

import io.ringbus.api.Bus;
import io.ringbus.bench.Link;
import io.ringbus.bench.Msg;
import io.ringbus.bench.Receiver;
import io.ringbus.bench.Session;
import io.ringbus.bench.Topology;

/**
 * Ringbus type-addressed publish to a plain {@code Handler} lambda: {@code bus.subscribe(Msg.class, handler)},
 * {@code bus.publish(msg)}. The baseline of {@link RingbusAnnotatedSubject}. One shared dispatcher thread.
 * <p>
 * <b>Note:</b> one sender; one link per session (the address is the message's class).
 */
public final class RingbusLambdaSubject extends RingbusSubject
{
    /**
     * @param idle the bus's idle strategy: busy-spin, yielding or backoff.
     */
    public RingbusLambdaSubject(final Idle idle)
    {
        super(idle);
    }

    @Override
    public String name()
    {
        return "ringbus-lambda";
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
                final Receiver receiver = receivers[0];
                bus.subscribe(Msg.class, receiver::onMessage);
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
