package io.ringbus.bench.subjects;

import io.ringbus.bench.Msg;
import io.ringbus.bench.Requester;
import io.ringbus.bench.Session;
import io.ringbus.bench.Subject;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;

/**
 * The Vert.x local event bus in request/reply: {@code request(address, msg)} to an echo consumer that
 * {@code reply}s; the caller waits on the returned future, as with Ringbus's future form.
 * <p>
 * <b>Note:</b> one calling thread.
 */
public final class VertxRequestSubject implements Subject
{
    private static final String ADDRESS = "bench.echo";

    @Override
    public String name()
    {
        return "vertx-request";
    }

    @Override
    public String idle()
    {
        return "event-loop";
    }

    @Override
    public String note()
    {
        return "caller waits on a future";
    }

    @Override
    public boolean requestReply()
    {
        return true;
    }

    @Override
    public Session open()
    {
        final Vertx vertx = Vertx.vertx();
        final EventBus bus = vertx.eventBus();
        bus.registerDefaultCodec(Msg.class, new LocalCodec());
        return new Session()
        {
            @Override
            public Requester requester() throws Exception
            {
                ConsumerVerticle.deploy(vertx, ADDRESS, m -> m.reply(m.body()));
                return msg -> VertxSubject.await(bus.<Msg>request(ADDRESS, msg)).body();
            }

            @Override
            public void close() throws Exception
            {
                VertxSubject.await(vertx.close());
            }
        };
    }
}
