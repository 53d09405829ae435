package io.ringbus.bench.subjects;

import io.ringbus.Ringbus;
import io.ringbus.api.Bus;
import io.ringbus.bench.Msg;
import io.ringbus.bench.Requester;
import io.ringbus.bench.Session;
import io.ringbus.bench.Subject;

import java.util.concurrent.TimeUnit;

/**
 * Ringbus request/reply in its future form: {@code bus.request(...)} returns a {@code CompletableFuture} the
 * caller waits on ({@code get}, which parks); an echo responder on the bus's one shared dispatcher thread.
 * <p>
 * <b>Note:</b> one calling thread.
 */
public final class RingbusRequestSubject implements Subject
{
    private static final String ADDRESS = "bench.echo";

    private final Idle idle;

    /**
     * @param idle the bus's idle strategy: busy-spin, yielding or backoff.
     */
    public RingbusRequestSubject(final Idle idle)
    {
        this.idle = idle;
        idle.ringbus();
    }

    @Override
    public String name()
    {
        return "ringbus-request";
    }

    @Override
    public String idle()
    {
        return idle.label();
    }

    @Override
    public boolean requestReply()
    {
        return true;
    }

    @Override
    public Session open()
    {
        final Bus bus = Ringbus.builder().idle(idle.ringbus()).ringSize(Bounds.CAPACITY).dispatcherThreads(1).build();
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
