package io.ringbus.bench;

import org.HdrHistogram.Histogram;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The HdrHistogram latency harness: ping-pong round trips, request/reply round trips, and one-way latency at
 * a fixed rate measured from each message's intended send time (so coordinated omission is corrected: a
 * stall delays the messages queued behind it and every one of them records the delay). Values are in
 * nanoseconds with 3 significant digits; a warm-up runs first and is not recorded.
 * <p>
 * <b>Note:</b> each method runs on the caller's thread, plus the subject's threads; one at a time.
 */
final class LatencyHarness
{
    /** Values above this are recorded as this (a minute). */
    static final long HIGHEST_NANOS = TimeUnit.MINUTES.toNanos(1);
    /** Messages the one-way sender cycles through: far more than any bounded subject holds in flight. */
    private static final int POOL = 1 << 16;
    /** Extra time a run may take past its planned end before it counts as stalled. */
    private static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(30);

    private LatencyHarness()
    {
    }

    static Histogram histogram()
    {
        return new Histogram(HIGHEST_NANOS, 3);
    }

    /**
     * Two links, ping and pong, and two threads of the subject: the pong receiver records the round trip and
     * sends the next ping at once, the ping receiver echoes. The calling thread only starts it and waits.
     */
    static Histogram pingPong(final Session session, final BenchOptions options) throws Exception
    {
        return pingPong(session, options, options.durationSeconds());
    }

    /** As {@link #pingPong(Session, BenchOptions)}, recording for {@code recordSeconds}. */
    static Histogram pingPong(final Session session, final BenchOptions options, final double recordSeconds)
        throws Exception
    {
        final long warmupEnd = System.nanoTime() + seconds(options.warmupSeconds());
        final long end = warmupEnd + seconds(recordSeconds);
        final Pinger pinger = new Pinger(warmupEnd, end, options.size());
        final Link pong = session.link(Topology.ONE_TO_ONE, pinger);
        final Link ping = session.link(Topology.ONE_TO_ONE, msg ->
        {
            try
            {
                pong.send(msg);
            }
            catch (final Exception ex)
            {
                pinger.fail(ex);
            }
        });
        pinger.start(ping);
        pinger.await(end);
        return pinger.histogram;
    }

    /** The calling thread sends each request and waits for its reply. */
    static Histogram requests(final Requester requester, final BenchOptions options) throws Exception
    {
        return requests(requester, options, options.durationSeconds());
    }

    /** As {@link #requests(Requester, BenchOptions)}, recording for {@code recordSeconds}. */
    static Histogram requests(final Requester requester, final BenchOptions options, final double recordSeconds)
        throws Exception
    {
        final Histogram histogram = histogram();
        final Msg msg = new Msg(options.size());
        final long warmupEnd = System.nanoTime() + seconds(options.warmupSeconds());
        final long end = warmupEnd + seconds(recordSeconds);
        long now = System.nanoTime();
        while (now < end)
        {
            msg.seq++;
            final Msg reply = requester.call(msg);
            final long after = System.nanoTime();
            if (reply != msg)
            {
                throw new IllegalStateException("the reply is not the echoed request");
            }
            if (now >= warmupEnd)
            {
                histogram.recordValue(Math.min(after - now, HIGHEST_NANOS));
            }
            now = after;
        }
        return histogram;
    }

    /**
     * The calling thread sends at {@code options.rate()} messages per second, each stamped with its intended
     * send time, yielding until that time; the receiver records arrival minus intended time.
     */
    static Result.Latency oneWay(
        final Session session, final BenchOptions options, final String scenario, final Subject subject) throws Exception
    {
        final OneWayReceiver receiver = new OneWayReceiver();
        final Link link = session.link(Topology.ONE_TO_ONE, receiver);
        final Msg[] pool = new Msg[POOL];
        for (int i = 0; i < POOL; i++)
        {
            pool[i] = new Msg(options.size());
        }
        final double interval = 1e9 / options.rate();
        final long start = System.nanoTime();
        receiver.recordFrom = start + seconds(options.warmupSeconds());
        final long end = receiver.recordFrom + seconds(options.durationSeconds());
        long sent = 0;
        while (true)
        {
            final long intended = start + (long)(sent * interval);
            if (intended >= end)
            {
                break;
            }
            // Yield rather than spin: on 2 cores a spinning sender would take the receiver's core.
            while (System.nanoTime() < intended)
            {
                Thread.yield();
            }
            final Msg msg = pool[(int)(sent & (POOL - 1))];
            msg.seq = sent;
            msg.stampNanos = intended;
            link.send(msg);
            sent++;
        }
        receiver.await(sent, end);
        final long overruns = receiver.outOfOrder;
        final String note = overruns == 0 ? "" :
            overruns + " messages arrived out of order or after their pool slot was reused: figures unreliable";
        return new Result.Latency(scenario, subject.id(), subject.idle(), subject.ringbus(), receiver.histogram, note);
    }

    private static long seconds(final double seconds)
    {
        return (long)(seconds * 1e9);
    }

    /** The pong end of a ping-pong: runs on the subject's pong receiver thread. */
    private static final class Pinger implements Receiver
    {
        final Histogram histogram = histogram();
        private final long warmupEnd;
        private final long end;
        private final Msg msg;
        private final CountDownLatch done = new CountDownLatch(1);
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private Link ping;
        private long sentAt;
        private long roundTrips;

        Pinger(final long warmupEnd, final long end, final int size)
        {
            this.warmupEnd = warmupEnd;
            this.end = end;
            this.msg = new Msg(size);
        }

        void start(final Link ping) throws Exception
        {
            this.ping = ping;
            sentAt = System.nanoTime();
            ping.send(msg);
        }

        @Override
        public void onMessage(final Msg reply)
        {
            final long now = System.nanoTime();
            if (now >= warmupEnd)
            {
                histogram.recordValue(Math.min(now - sentAt, HIGHEST_NANOS));
            }
            roundTrips++;
            if (now >= end)
            {
                done.countDown();
                return;
            }
            try
            {
                msg.seq = roundTrips;
                sentAt = System.nanoTime();
                ping.send(msg);
            }
            catch (final Exception ex)
            {
                fail(ex);
            }
        }

        void fail(final Throwable cause)
        {
            failure.compareAndSet(null, cause);
            done.countDown();
        }

        void await(final long end) throws Exception
        {
            final long waitNanos = Math.max(0, end - System.nanoTime()) + GRACE_NANOS;
            if (!done.await(waitNanos, TimeUnit.NANOSECONDS))
            {
                throw new IllegalStateException("ping-pong stalled: a message was lost or a thread is stuck");
            }
            final Throwable cause = failure.get();
            if (cause != null)
            {
                throw new IllegalStateException("ping-pong failed: " + cause, cause);
            }
        }
    }

    /** The receiving end of the one-way scenario: runs on the subject's receiver thread. */
    private static final class OneWayReceiver implements Receiver
    {
        final Histogram histogram = histogram();
        volatile long recordFrom;
        volatile long received;
        long outOfOrder;

        @Override
        public void onMessage(final Msg msg)
        {
            final long now = System.nanoTime();
            final long stamp = msg.stampNanos;
            if (msg.seq != received)
            {
                outOfOrder++;
            }
            if (stamp >= recordFrom)
            {
                histogram.recordValue(Math.max(0, Math.min(now - stamp, HIGHEST_NANOS)));
            }
            received = received + 1;
        }

        void await(final long count, final long end) throws InterruptedException
        {
            final long deadline = Math.max(end, System.nanoTime()) + GRACE_NANOS;
            while (received < count)
            {
                if (System.nanoTime() > deadline)
                {
                    throw new IllegalStateException("one-way stalled: " + received + " of " + count + " received");
                }
                Thread.sleep(1);
            }
        }
    }
}
