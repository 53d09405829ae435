package io.ringbus.bench.subjects;

import io.ringbus.Ringbus;
import io.ringbus.api.Bus;
import io.ringbus.api.Queue;
import io.ringbus.api.SubscribeOptions;
import io.ringbus.bench.DelaySubject;
import io.ringbus.bench.Link;
import io.ringbus.bench.Msg;
import io.ringbus.bench.Receiver;
import io.ringbus.bench.Session;
import io.ringbus.bench.Topology;

import java.time.Duration;
import java.util.Locale;

/**
 * Ringbus delayed delivery: {@code queue.sendAfter(msg, delay)} on a queue with one consumer on a dedicated
 * dispatcher thread, the bus's timer at its default tick ({@link Ringbus#TIMER_TICK_DEFAULT}, rounded up to a
 * power of two nanoseconds as the engine does).
 * <p>
 * <b>Note:</b> one sender per link.
 */
public final class RingbusDelaySubject extends RingbusSubject implements DelaySubject
{
    private final Duration delay;

    /**
     * @param idle  the bus's idle strategy (the consumer's; the timer thread parks a tick at a time).
     * @param delay the delay of every message, positive.
     */
    public RingbusDelaySubject(final Idle idle, final Duration delay)
    {
        super(idle);
        if (delay.isNegative() || delay.isZero())
        {
            throw new IllegalArgumentException("delay must be positive: " + delay);
        }
        this.delay = delay;
    }

    @Override
    public String name()
    {
        return "ringbus-send-after-" + delay.toMillis() + "ms";
    }

    @Override
    public Duration delay()
    {
        return delay;
    }

    @Override
    public String timer()
    {
        return String.format(Locale.ROOT, "timer tick %.3f ms", tickNanos() / 1e6);
    }

    /** The tick the engine runs: the configured one rounded up to a power of two nanoseconds. */
    static long tickNanos()
    {
        final long configured = Ringbus.TIMER_TICK_DEFAULT.toNanos();
        final long power = Long.highestOneBit(configured);
        return power == configured ? configured : power << 1;
    }

    @Override
    public Session open()
    {
        final Bus bus = Ringbus.builder().idle(idle.ringbus()).ringSize(Bounds.CAPACITY).dispatcherThreads(1)
            .timerTick(Ringbus.TIMER_TICK_DEFAULT).build();
        return new Session()
        {
            private int queues;

            @Override
            public Link link(final Topology topology, final Receiver... receivers)
            {
                if (topology != Topology.ONE_TO_ONE || receivers.length != 1)
                {
                    throw new UnsupportedOperationException("the delay subject has one sender and one receiver");
                }
                final Queue<Msg> queue = bus.queue("bench.delayed" + queues++, Msg.class);
                queue.consume(receivers[0]::onMessage, SubscribeOptions.defaults().dedicatedThread(true));
                return msg -> queue.sendAfter(msg, delay);
            }

            @Override
            public void close()
            {
                bus.close();
            }
        };
    }
}
