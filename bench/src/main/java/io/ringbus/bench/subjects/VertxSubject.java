package io.ringbus.bench.subjects;

import io.ringbus.bench.Link;
import io.ringbus.bench.Msg;
import io.ringbus.bench.Receiver;
import io.ringbus.bench.Session;
import io.ringbus.bench.Subject;
import io.ringbus.bench.Topology;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;

import java.util.concurrent.TimeUnit;

/**
 * The Vert.x local event bus: {@code send} to one consumer ({@code vertx-send}) or {@code publish} to every
 * consumer of an address ({@code vertx-publish}), each consumer in a verticle of its own (so on its own event
 * loop), a local codec passing the reference. Unbounded, no backpressure.
 * <p>
 * <b>Note:</b> one sender per link.
 */
public final class VertxSubject implements Subject
{
    private final boolean publish;

    /**
     * @param publish true to {@code publish} (fan-out), false to {@code send} (one consumer).
     */
    public VertxSubject(final boolean publish)
    {
        this.publish = publish;
    }

    @Override
    public String name()
    {
        return publish ? "vertx-publish" : "vertx-send";
    }

    @Override
    public String idle()
    {
        return "event-loop";
    }

    @Override
    public Session open()
    {
        final Vertx vertx = Vertx.vertx();
        final EventBus bus = vertx.eventBus();
        bus.registerDefaultCodec(Msg.class, new LocalCodec());
        return new Session()
        {
            private int addresses;

            @Override
            public Link link(final Topology topology, final Receiver... receivers) throws Exception
            {
                final boolean fanOut = topology == Topology.FAN_OUT;
                if (topology == Topology.COMPETING || fanOut != publish || (!fanOut && receivers.length != 1))
                {
                    throw new UnsupportedOperationException(name() + " does not do " + topology);
                }
                final String address = "bench.address" + addresses++;
                for (final Receiver receiver : receivers)
                {
                    ConsumerVerticle.deploy(vertx, address, m -> receiver.onMessage(m.body()));
                }
                return publish ? msg -> bus.publish(address, msg) : msg -> bus.send(address, msg);
            }

            @Override
            public void close() throws Exception
            {
                await(vertx.close());
            }
        };
    }

    static <T> T await(final Future<T> future) throws Exception
    {
        return future.toCompletionStage().toCompletableFuture().get(Bounds.REQUEST_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
    }
}
