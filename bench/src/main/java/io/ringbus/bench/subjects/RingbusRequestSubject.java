package io.ringbus.bench.subjects;

import io.ringbus.api.Bus;
import io.ringbus.bench.Msg;
import io.ringbus.bench.Requester;
import io.ringbus.bench.Session;

import java.util.concurrent.TimeUnit;

/**
 * Ringbus request/reply in its future form: {@code bus.request(...)} returns a {@code CompletableFuture} the
 * caller waits on ({@code get}, which parks); an echo responder on the bus's one shared dispatcher thread.
 * <p>
 * <b>Note:</b> one calling thread.
 */
public final class RingbusRequestSubject extends RingbusSubject
{
    private static final String ADDRESS = "bench.echo";

    /**
     * @param idle the bus's idle strategy: busy-spin, yielding or backoff.
     */
    public RingbusRequestSubject(final Idle idle)
    {
        super(idle);
    }

    @Override
    public String name()
    {
        return "ringbus-request";
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
        final Bus bus = newBus();
        return new Session()
        {
            @Override
            public Requester requester()
            {
                bus.respond(ADDRESS, Msg.class, request -> request);
                final long timeoutNanos = Bounds.REQUEST_TIMEOUT.toNanos();
                return msg -> bus.request(ADDRESS, msg, Msg.class, Bounds.REQUEST_TIMEOUT)
                    .get(timeoutNanos, TimeUnit.NANOSECONDS);
            }

            @Override
            public void close()
            {
                bus.close();
            }
        };
    }
}
