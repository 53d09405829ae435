package io.ringbus.disruptor;

import io.ringbus.Ringbus;
import io.ringbus.api.Bus;
import io.ringbus.api.IdleStrategyKind;
import io.ringbus.api.ReplyCallback;
import io.ringbus.api.SubscribeOptions;
import io.ringbus.api.Topic;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A quick look, not a test: the round trip of a callback request beside a topic ping-pong, each pass on a new
 * bus built as the bench builds it (busy-spin, one shared dispatcher thread), passes interleaved A B A B so that
 * a noisy moment does not favour one side. The topic ping-pong is the bench's {@code rtt-inproc} shape: two
 * topics whose subscribers have dedicated threads, the pong receiver timing each round trip and sending the next
 * ping. The request is the bench's {@code ringbus-request-callback}: the main thread requests with one reused
 * callback and spins until it has run, the echo responder on the shared dispatcher. The future form (the
 * bench's {@code ringbus-request}: {@code request(...).get(timeout)}) is printed beside them.
 * <p>
 * Run (after {@code mvn -o -q -pl bus-disruptor -am test-compile}), with the test classpath (bus-disruptor's and
 * bus-api's target/classes and target/test-classes, Agrona, JCTools, Disruptor):
 * <pre>{@code
 * java --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED -cp <test classpath> \
 *     io.ringbus.disruptor.RequestSpeed [passes] [samples] [request]
 * }</pre>
 * With {@code request}, only callback requests are timed: for a profiler.
 */
public final class RequestSpeed
{
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(30);

    private RequestSpeed()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final int passes = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        final int samples = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        final int warmUp = samples / 2;
        if (args.length > 2 && args[2].equals("request"))
        {
            // Requests only, for a profiler.
            for (int pass = 0; pass < passes; pass++)
            {
                print("request", pass, callbackRequests(warmUp, samples));
            }
            return;
        }
        final double[] ratios = new double[passes];
        for (int pass = 0; pass < passes; pass++)
        {
            final long[] topic = topicPingPong(warmUp, samples);
            final long[] request = callbackRequests(warmUp, samples);
            final long[] future = futureRequests(warmUp, samples);
            print("topic  ", pass, topic);
            print("request", pass, request);
            print("future ", pass, future);
            ratios[pass] = (double)percentile(request, 50) / percentile(topic, 50);
            System.out.printf("pass %d: request p50 / topic p50 = %.2f%n", pass, ratios[pass]);
        }
        Arrays.sort(ratios);
        System.out.printf("ratio p50: min %.2f median %.2f max %.2f%n",
            ratios[0], ratios[passes / 2], ratios[passes - 1]);
    }

    private static Bus newBus()
    {
        return Ringbus.builder().idle(IdleStrategyKind.BUSY_SPIN).ringSize(1 << 14).dispatcherThreads(1).build();
    }

    private static void print(final String what, final int pass, final long[] sorted)
    {
        System.out.printf("pass %d %s p50 %6d ns  p90 %6d ns  p99 %6d ns  p99.9 %7d ns%n", pass, what,
            percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99), percentile(sorted, 99.9));
    }

    private static long percentile(final long[] sorted, final double p)
    {
        return sorted[(int)Math.min(sorted.length - 1, Math.ceil(sorted.length * p / 100) - 1)];
    }

    // ---------------------------------------------------------------- topic ping-pong

    private static long[] topicPingPong(final int warmUp, final int samples) throws Exception
    {
        try (Bus bus = newBus())
        {
            final Topic<long[]> ping = bus.topic("speed.ping", long[].class);
            final Topic<long[]> pong = bus.topic("speed.pong", long[].class);
            final Pinger pinger = new Pinger(ping, warmUp, samples);
            final SubscribeOptions own = SubscribeOptions.defaults().dedicatedThread(true);
            pong.subscribe(pinger::onPong, own);
            ping.subscribe(pong::publish, own);
            pinger.start();
            if (!pinger.done.await(GIVE_UP_NANOS, TimeUnit.NANOSECONDS))
            {
                throw new IllegalStateException("ping-pong stalled");
            }
            Arrays.sort(pinger.samples);
            return pinger.samples;
        }
    }

    /** The pong receiver: records a round trip and sends the next ping; runs on its dedicated thread. */
    private static final class Pinger
    {
        final long[] samples;
        final CountDownLatch done = new CountDownLatch(1);
        private final Topic<long[]> ping;
        private final int warmUp;
        private final long[] msg = new long[1];
        private long sentAt;
        private int count;

        Pinger(final Topic<long[]> ping, final int warmUp, final int samples)
        {
            this.ping = ping;
            this.warmUp = warmUp;
            this.samples = new long[samples];
        }

        void start()
        {
            sentAt = System.nanoTime();
            ping.publish(msg);
        }

        void onPong(final long[] reply)
        {
            final long now = System.nanoTime();
            if (count >= warmUp)
            {
                samples[count - warmUp] = now - sentAt;
            }
            if (++count == warmUp + samples.length)
            {
                done.countDown();
                return;
            }
            sentAt = System.nanoTime();
            ping.publish(msg);
        }
    }

    // ---------------------------------------------------------------- callback request

    private static long[] callbackRequests(final int warmUp, final int samples)
    {
        try (Bus bus = newBus())
        {
            bus.respond("speed.echo", long[].class, q -> q);
            final Caller caller = new Caller(bus);
            final long[] msg = new long[1];
            final long[] out = new long[samples];
            for (int i = 0; i < warmUp + samples; i++)
            {
                final long start = System.nanoTime();
                caller.call(msg);
                final long took = System.nanoTime() - start;
                if (i >= warmUp)
                {
                    out[i - warmUp] = took;
                }
            }
            Arrays.sort(out);
            return out;
        }
    }

    private static long[] futureRequests(final int warmUp, final int samples) throws Exception
    {
        try (Bus bus = newBus())
        {
            bus.respond("speed.echo", long[].class, q -> q);
            final long[] msg = new long[1];
            final long[] out = new long[samples];
            for (int i = 0; i < warmUp + samples; i++)
            {
                final long start = System.nanoTime();
                final long[] reply =
                    bus.request("speed.echo", msg, long[].class, TIMEOUT).get(GIVE_UP_NANOS, TimeUnit.NANOSECONDS);
                if (reply != msg)
                {
                    throw new IllegalStateException("not the echoed request");
                }
                final long took = System.nanoTime() - start;
                if (i >= warmUp)
                {
                    out[i - warmUp] = took;
                }
            }
            Arrays.sort(out);
            return out;
        }
    }

    /** One reused callback; the caller spins until it has run. */
    private static final class Caller implements ReplyCallback<long[]>
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
        private Throwable failure;
        private long[] reply;
        @SuppressWarnings("unused")
        private boolean done;

        Caller(final Bus bus)
        {
            this.bus = bus;
        }

        void call(final long[] msg)
        {
            DONE.setRelease(this, false);
            bus.request("speed.echo", msg, long[].class, TIMEOUT, this);
            final long start = System.nanoTime();
            int polls = 0;
            while (!(boolean)DONE.getAcquire(this))
            {
                Thread.onSpinWait();
                if ((++polls & 0xFFFF) == 0 && System.nanoTime() - start > GIVE_UP_NANOS)
                {
                    throw new IllegalStateException("no reply within 30 s");
                }
            }
            if (failure != null || reply != msg)
            {
                throw new IllegalStateException("request failed: " + failure);
            }
        }

        @Override
        public void onReply(final long[] reply, final Throwable failure)
        {
            this.reply = reply;
            this.failure = failure;
            DONE.setRelease(this, true);
        }
    }
}
