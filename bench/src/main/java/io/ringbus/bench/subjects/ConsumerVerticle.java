package io.ringbus.bench.subjects;

import io.ringbus.bench.Msg;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;

/**
 * One event-bus consumer in a verticle of its own, so that each consumer gets its own event-loop context
 * (Vert.x hands them out round-robin); consumers registered from a plain thread may share one event loop, which
 * would turn a ping-pong into calls on a single thread.
 * <p>
 * <b>Note:</b> deployed once; its handler runs on its event loop.
 */
final class ConsumerVerticle extends VerticleBase
{
    private final String address;
    private final Handler<Message<Msg>> handler;

    private ConsumerVerticle(final String address, final Handler<Message<Msg>> handler)
    {
        this.address = address;
        this.handler = handler;
    }

    static void deploy(final Vertx vertx, final String address, final Handler<Message<Msg>> handler) throws Exception
    {
        VertxSubject.await(vertx.deployVerticle(new ConsumerVerticle(address, handler)));
    }

    @Override
    public Future<?> start()
    {
        return vertx.eventBus().consumer(address, handler).completion();
    }
}
