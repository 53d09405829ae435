package io.ringbus.bench.subjects;

import io.ringbus.api.Bus;
import io.ringbus.api.ReplyCallback;
import io.ringbus.bench.Msg;
import io.ringbus.bench.Requester;
import io.ringbus.bench.Session;
import org.agrona.concurrent.IdleStrategy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;

/**
 * Ringbus request/reply in its callback form, without a future:
 * {@code bus.request(address, msg, Msg.class, timeout, callback)} with one preallocated {@link ReplyCallback}
 * that serves every request; the caller waits for it with the subject's idle strategy (Agrona's busy-spin or
 * yielding, like the bus's dispatcher), so nothing parks and nothing is allocated per call. The echo responder
 * runs on the bus's one shared dispatcher thread.
 * <p>
 * <b>Note:</b> one calling thread.
 */
public final class RingbusRequestCallbackSubject extends RingbusSubject
{
    private static final String ADDRESS = "bench.echo";
    /** Beyond the bus's own timeout (which completes the callback), the caller gives up after this much more. */
    private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);

    /**
     * @param idle the bus's idle strategy and the caller's: busy-spin, yielding or backoff.
     */
    public RingbusRequestCallbackSubject(final Idle idle)
    {
        super(idle);
    }

    @Override
    public String name()
    {
        return "ringbus-request-callback";
    }

    @Override
    public String note()
    {
        return "caller waits for the callback, " + idle() + ", no future";
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
                return new Caller(bus, idle.agrona());
            }

            @Override
            public void close()
            {
                bus.close();
            }
        };
    }

    /** The calling end and the one callback it reuses: a call resets it, requests, and waits for it. */
    private static final class Caller implements Requester, ReplyCallback<Msg>
    {
        private static final VarHandle DONE;

        static
        {
            try
            {
                DONE = MethodHandles.lookup().findVarHandle(Caller.class, "done", boolean.class);
            }
            catch (final ReflectiveOperationException ex)
            {
                throw new ExceptionInInitializerError(ex);
            }
        }

        private final Bus bus;
        private final IdleStrategy idle;
        private final long waitNanos = Bounds.REQUEST_TIMEOUT.toNanos() + GRACE_NANOS;
        private Msg reply;
        private Throwable failure;
        @SuppressWarnings("unused")
        private boolean done;

        Caller(final Bus bus, final IdleStrategy idle)
        {
            this.bus = bus;
            this.idle = idle;
        }

        @Override
        public Msg call(final Msg msg) throws Exception
        {
            reply = null;
            failure = null;
            DONE.setRelease(this, false);
            bus.request(ADDRESS, msg, Msg.class, Bounds.REQUEST_TIMEOUT, this);
            final long start = System.nanoTime();
            idle.reset();
            int polls = 0;
            while (!(boolean)DONE.getAcquire(this))
            {
                idle.idle();
                if ((++polls & 0xFFFF) == 0 && System.nanoTime() - start > waitNanos)
                {
                    throw new IllegalStateException("no reply nor failure within " + waitNanos / 1_000_000 + " ms");
                }
            }
            if (failure != null)
            {
                throw new IllegalStateException("request failed: " + failure, failure);
            }
            return reply;
        }

        @Override
        public void onReply(final Msg reply, final Throwable failure)
        {
            this.reply = reply;
            this.failure = failure;
            DONE.setRelease(this, true);
        }
    }
}
