package io.ringbus.disruptor;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventTranslatorOneArg;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import com.lmax.disruptor.util.DaemonThreadFactory;
import io.ringbus.Ringbus;
import io.ringbus.api.Bus;
import io.ringbus.api.IdleStrategyKind;
import io.ringbus.api.SubscribeOptions;
import io.ringbus.api.Topic;
import io.ringbus.api.TopicOptions;
import io.ringbus.api.Translator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A rough, orienting measurement of the topic publish path against the raw Disruptor ring under it, reported,
 * never asserted: one publisher, one subscriber on its own busy-spinning thread, ring 2^16, bursts of events,
 * subjects interleaved pass after pass. The bench module's {@code tput-1p1c} is the figure of record.
 * <pre>
 * mvn -B -q -pl bus-disruptor -am test-compile
 * java --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED -cp "$(cat cp.txt)" io.ringbus.disruptor.TopicSpeed \
 *     [events per burst] [passes] [subject,subject,...]
 * </pre>
 */
public final class TopicSpeed
{
    private static final int RING = 1 << 16;

    /** An object-mode event: one allocated per publish. */
    static final class Event
    {
        final long value;

        Event(final long value)
        {
            this.value = value;
        }
    }

    /** A slot-mode event or a raw Disruptor preallocated event. */
    static final class Mutable
    {
        long value;
    }

    static final class Holder
    {
        Object ref;
    }

    private static final EventTranslatorOneArg<Holder, Object> PUT = (h, s, e) -> h.ref = e;

    private interface Subject
    {
        /** Publish {@code events}, return once the subscriber saw the last; nanoseconds taken. */
        long burst(long events) throws Exception;

        void close();
    }

    /** The subscriber side: counts and signals the last one. */
    private static final class Sink
    {
        final AtomicLong seen = new AtomicLong();
        volatile long target = Long.MAX_VALUE;
        long sum;

        void on(final long value)
        {
            sum += value;
            seen.lazySet(seen.get() + 1);
        }

        long await(final long start, final long count)
        {
            while (seen.get() < count)
            {
                Thread.onSpinWait();
            }
            return System.nanoTime() - start;
        }
    }

    private static Subject rawReference()
    {
        final Sink sink = new Sink();
        final Disruptor<Holder> d = new Disruptor<>(
            Holder::new, RING, DaemonThreadFactory.INSTANCE, ProducerType.SINGLE, new BusySpinWaitStrategy());
        d.handleEventsWith((h, s, end) -> sink.on(((Event)h.ref).value));
        final RingBuffer<Holder> ring = d.start();
        return new Subject()
        {
            public long burst(final long events)
            {
                final long base = sink.seen.get();
                final long start = System.nanoTime();
                for (long i = 0; i < events; i++)
                {
                    ring.publishEvent(PUT, new Event(i));
                }
                return sink.await(start, base + events);
            }

            public void close()
            {
                d.halt();
            }
        };
    }

    private static Subject rawPreallocated()
    {
        return rawPreallocated(false);
    }

    /**
     * @param fence whether each publish also pays a full fence: what a single-writer topic pays for its close
     *              protocol, measured on the raw ring.
     */
    private static Subject rawPreallocated(final boolean fence)
    {
        final Sink sink = new Sink();
        final Disruptor<Mutable> d = new Disruptor<>(
            Mutable::new, RING, DaemonThreadFactory.INSTANCE, ProducerType.SINGLE, new BusySpinWaitStrategy());
        d.handleEventsWith((m, s, end) -> sink.on(m.value));
        final RingBuffer<Mutable> ring = d.start();
        return new Subject()
        {
            public long burst(final long events)
            {
                final long base = sink.seen.get();
                final long start = System.nanoTime();
                for (long i = 0; i < events; i++)
                {
                    final long seq = ring.next();
                    if (fence)
                    {
                        java.lang.invoke.VarHandle.fullFence();
                    }
                    ring.get(seq).value = i;
                    ring.publish(seq);
                }
                return sink.await(start, base + events);
            }

            public void close()
            {
                d.halt();
            }
        };
    }

    private static Bus bus()
    {
        return Ringbus.builder().idle(IdleStrategyKind.BUSY_SPIN).ringSize(RING).dispatcherThreads(1).build();
    }

    private static Subject ringbusObject(final boolean singleWriter)
    {
        final Sink sink = new Sink();
        final Bus bus = bus();
        final Topic<Event> topic = bus.topic("speed", Event.class, TopicOptions.defaults().singleWriter(singleWriter));
        topic.subscribe(e -> sink.on(e.value), SubscribeOptions.defaults().dedicatedThread(true));
        return new Subject()
        {
            public long burst(final long events)
            {
                final long base = sink.seen.get();
                final long start = System.nanoTime();
                for (long i = 0; i < events; i++)
                {
                    topic.publish(new Event(i));
                }
                return sink.await(start, base + events);
            }

            public void close()
            {
                bus.close();
            }
        };
    }

    private static final Translator<Mutable, LongBox> FROM_BOX = (slot, box) -> slot.value = box.value;

    static final class LongBox
    {
        long value;
    }

    private static Subject ringbusSlot(final boolean singleWriter)
    {
        final Sink sink = new Sink();
        final Bus bus = bus();
        final Topic<Mutable> topic = bus.topic("speed", Mutable.class, Mutable::new, null,
            TopicOptions.defaults().singleWriter(singleWriter));
        topic.subscribe(m -> sink.on(m.value), SubscribeOptions.defaults().dedicatedThread(true));
        final LongBox box = new LongBox();
        return new Subject()
        {
            public long burst(final long events)
            {
                final long base = sink.seen.get();
                final long start = System.nanoTime();
                for (long i = 0; i < events; i++)
                {
                    box.value = i;
                    topic.publish(FROM_BOX, box);
                }
                return sink.await(start, base + events);
            }

            public void close()
            {
                bus.close();
            }
        };
    }

    /** Object mode, published in runs of {@code RUN} events with one claim each. */
    private static Subject ringbusObjectBatches(final boolean singleWriter)
    {
        final Sink sink = new Sink();
        final Bus bus = bus();
        final Topic<Event> topic = bus.topic("speed", Event.class, TopicOptions.defaults().singleWriter(singleWriter));
        topic.subscribe(e -> sink.on(e.value), SubscribeOptions.defaults().dedicatedThread(true));
        final Event[] run = new Event[RUN];
        return new Subject()
        {
            public long burst(final long events)
            {
                final long base = sink.seen.get();
                final long start = System.nanoTime();
                for (long i = 0; i < events; i += RUN)
                {
                    for (int j = 0; j < RUN; j++)
                    {
                        run[j] = new Event(i + j);
                    }
                    topic.publish(run, 0, RUN);
                }
                return sink.await(start, base + events);
            }

            public void close()
            {
                bus.close();
            }
        };
    }

    private static final int RUN = 16;

    public static void main(final String[] args) throws Exception
    {
        final long events = args.length > 0 ? Long.parseLong(args[0]) : 5_000_000L;
        final int passes = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        final Map<String, java.util.function.Supplier<Subject>> all = new LinkedHashMap<>();
        all.put("raw-ref", TopicSpeed::rawReference);
        all.put("ringbus-object", () -> ringbusObject(false));
        all.put("ringbus-object-sw", () -> ringbusObject(true));
        all.put("raw-prealloc", TopicSpeed::rawPreallocated);
        all.put("raw-prealloc-fence", () -> rawPreallocated(true));
        all.put("ringbus-slot", () -> ringbusSlot(false));
        all.put("ringbus-slot-sw", () -> ringbusSlot(true));
        all.put("ringbus-object-sw-run16", () -> ringbusObjectBatches(true));
        final List<String> chosen = args.length > 2 ? List.of(args[2].split(",")) : new ArrayList<>(all.keySet());
        final Map<String, List<Double>> rates = new LinkedHashMap<>();
        for (int pass = 0; pass < passes; pass++)
        {
            for (final String name : chosen)
            {
                final Subject s = all.get(name).get();
                try
                {
                    s.burst(events / 5); // warm-up
                    s.burst(events / 5);
                    final long nanos = s.burst(events);
                    final double mps = events * 1e3 / nanos;
                    rates.computeIfAbsent(name, k -> new ArrayList<>()).add(mps);
                    System.out.printf(Locale.ROOT, "pass %d %-20s %8.2f M/s%n", pass, name, mps);
                }
                finally
                {
                    s.close();
                }
            }
        }
        System.out.println("median M/s:");
        rates.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-20s %8.2f%n", k,
            v.stream().sorted().toList().get(v.size() / 2)));
    }
}
