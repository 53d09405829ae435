package io.ringbus.bench;

import io.ringbus.bench.subjects.AeronIpcSubject;
import io.ringbus.bench.subjects.AgronaSpscSubject;
import io.ringbus.bench.subjects.ArrayBlockingQueueSubject;
import io.ringbus.bench.subjects.DisruptorPreallocSubject;
import io.ringbus.bench.subjects.DisruptorSubject;
import io.ringbus.bench.subjects.FloorSubject;
import io.ringbus.bench.subjects.GreenrobotSubject;
import io.ringbus.bench.subjects.GuavaAsyncSubject;
import io.ringbus.bench.subjects.GuavaSyncSubject;
import io.ringbus.bench.subjects.Idle;
import io.ringbus.bench.subjects.JcToolsMpmcSubject;
import io.ringbus.bench.subjects.JcToolsSpscSubject;
import io.ringbus.bench.subjects.MBassadorSubject;
import io.ringbus.bench.subjects.RingbusAnnotatedSubject;
import io.ringbus.bench.subjects.RingbusLambdaSubject;
import io.ringbus.bench.subjects.RingbusDelaySubject;
import io.ringbus.bench.subjects.RingbusIpcSubject;
import io.ringbus.bench.subjects.RingbusJournalSubject;
import io.ringbus.bench.subjects.RingbusPriorityQueueSubject;
import io.ringbus.bench.subjects.RingbusQueueSubject;
import io.ringbus.bench.subjects.RingbusRequestCallbackSubject;
import io.ringbus.bench.subjects.RingbusRequestSubject;
import io.ringbus.bench.subjects.RingbusSlotTopicSubject;
import io.ringbus.bench.subjects.RingbusTopicSubject;
import io.ringbus.bench.subjects.RingbusTopicsSubject;
import io.ringbus.bench.subjects.VertxRequestSubject;
import io.ringbus.bench.subjects.VertxSubject;
import io.ringbus.patterns.store.FsyncPolicy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import static io.ringbus.bench.ScenarioRegistry.ALLOC;
import static io.ringbus.bench.ScenarioRegistry.DELAY;
import static io.ringbus.bench.ScenarioRegistry.JOURNAL;
import static io.ringbus.bench.ScenarioRegistry.ONEWAY_INPROC;
import static io.ringbus.bench.ScenarioRegistry.RTT_INPROC;
import static io.ringbus.bench.ScenarioRegistry.RTT_IPC;
import static io.ringbus.bench.ScenarioRegistry.TPUT_1P1C;
import static io.ringbus.bench.ScenarioRegistry.TPUT_FANOUT;
import static io.ringbus.bench.ScenarioRegistry.TPUT_IPC;
import static io.ringbus.bench.ScenarioRegistry.TPUT_QUEUE;
import static io.ringbus.bench.ScenarioRegistry.TPUT_TOPICS;

/**
 * Every subject, each with the scenarios it takes part in: <b>adding a subject is one class implementing
 * {@link Subject} plus one {@code add(...)} line here</b>. The order of the lines is the order of the run
 * and of the report's tables (Ringbus first, then the floor and the peers).
 * <p>
 * Threads and cores: spin scenarios keep one producer and one consumer ({@code rtt-inproc},
 * {@code oneway-inproc}, {@code tput-1p1c}); {@code tput-fanout} (4 threads) and {@code tput-queue} (3 threads)
 * need more threads than a 2-core machine has, so their subjects use yielding or blocking strategies; so do
 * {@code rtt-ipc} and {@code tput-ipc}, whose two processes each run several threads (and a media driver).
 * <p>
 * <b>Note:</b> the list is built once and never changed; thread-safe.
 */
public final class SubjectRegistry
{
    /** A subject and the ids of the scenarios that measure it. */
    record Entry(Subject subject, Set<String> scenarios)
    {
    }

    private static final List<Entry> ENTRIES = build();

    private SubjectRegistry()
    {
    }

    private static List<Entry> build()
    {
        final List<Entry> entries = new ArrayList<>();
        // Ringbus
        add(entries, RingbusTopicSubject.singleWriter(Idle.BUSY_SPIN), RTT_INPROC, TPUT_1P1C);
        add(entries, new RingbusTopicSubject(Idle.BUSY_SPIN), RTT_INPROC, ONEWAY_INPROC, TPUT_1P1C);
        add(entries, new RingbusTopicSubject(Idle.YIELDING), RTT_INPROC, TPUT_FANOUT, ALLOC);
        add(entries, new RingbusTopicSubject(Idle.BACKOFF), RTT_INPROC, ONEWAY_INPROC);
        add(entries, RingbusSlotTopicSubject.singleWriter(Idle.BUSY_SPIN), RTT_INPROC, TPUT_1P1C);
        add(entries, new RingbusSlotTopicSubject(Idle.BUSY_SPIN), RTT_INPROC, TPUT_1P1C);
        add(entries, RingbusSlotTopicSubject.singleWriter(Idle.YIELDING), ALLOC);
        add(entries, new RingbusSlotTopicSubject(Idle.YIELDING), TPUT_FANOUT, ALLOC);
        add(entries, new RingbusQueueSubject(Idle.BUSY_SPIN), TPUT_1P1C);
        add(entries, new RingbusQueueSubject(Idle.YIELDING), TPUT_QUEUE, ALLOC);
        add(entries, new RingbusRequestSubject(Idle.BUSY_SPIN), RTT_INPROC);
        add(entries, new RingbusRequestSubject(Idle.YIELDING), ALLOC);
        add(entries, new RingbusRequestCallbackSubject(Idle.BUSY_SPIN), RTT_INPROC);
        add(entries, new RingbusRequestCallbackSubject(Idle.YIELDING), ALLOC);
        add(entries, new RingbusPriorityQueueSubject(Idle.YIELDING), TPUT_QUEUE);
        add(entries, new RingbusAnnotatedSubject(Idle.YIELDING), ALLOC);
        add(entries, new RingbusLambdaSubject(Idle.YIELDING), ALLOC);
        // Many topics, one producer round-robin (Ringbus against itself: 10,000 topics against 1)
        for (final int topics : ScenarioRegistry.TOPIC_COUNTS)
        {
            add(entries, new RingbusTopicsSubject(topics, Idle.YIELDING), TPUT_TOPICS);
        }
        // Over Aeron IPC to a child process (yielding: each side has more threads than the 2 cores)
        add(entries, new RingbusIpcSubject(Idle.YIELDING, false), RTT_IPC, TPUT_IPC);
        add(entries, new RingbusIpcSubject(Idle.YIELDING, true), RTT_IPC, TPUT_IPC);
        // Delayed delivery at three delays, with Ringbus's default idle strategy (nobody spins for a timer)
        add(entries, new RingbusDelaySubject(Idle.BACKOFF, Duration.ofMillis(1)), DELAY);
        add(entries, new RingbusDelaySubject(Idle.BACKOFF, Duration.ofMillis(5)), DELAY);
        add(entries, new RingbusDelaySubject(Idle.BACKOFF, Duration.ofMillis(20)), DELAY);
        // The durable journal of the patterns module (the idle column is the fsync policy)
        add(entries, RingbusJournalSubject.appends(FsyncPolicy.EVERY_APPEND, 1), JOURNAL);
        add(entries, RingbusJournalSubject.appends(FsyncPolicy.GROUP, 1), JOURNAL);
        add(entries, RingbusJournalSubject.appends(FsyncPolicy.GROUP, 4), JOURNAL);
        add(entries, RingbusJournalSubject.appends(FsyncPolicy.NONE, 1), JOURNAL);
        add(entries, RingbusJournalSubject.replay(), JOURNAL);
        // The floor and the peers
        add(entries, new FloorSubject(), RTT_INPROC, ONEWAY_INPROC);
        add(entries, new DisruptorSubject(Idle.BUSY_SPIN), RTT_INPROC, ONEWAY_INPROC, TPUT_1P1C);
        add(entries, new DisruptorSubject(Idle.YIELDING), RTT_INPROC, TPUT_FANOUT);
        add(entries, new DisruptorSubject(Idle.BLOCKING), RTT_INPROC, ONEWAY_INPROC);
        add(entries, new DisruptorPreallocSubject(Idle.BUSY_SPIN), RTT_INPROC, TPUT_1P1C);
        add(entries, new DisruptorPreallocSubject(Idle.YIELDING), TPUT_FANOUT);
        add(entries, new ArrayBlockingQueueSubject(), RTT_INPROC, ONEWAY_INPROC, TPUT_1P1C, TPUT_QUEUE);
        add(entries, new JcToolsSpscSubject(Idle.BUSY_SPIN), ONEWAY_INPROC, TPUT_1P1C);
        add(entries, new JcToolsMpmcSubject(Idle.YIELDING), TPUT_QUEUE);
        add(entries, new AgronaSpscSubject(Idle.BUSY_SPIN), ONEWAY_INPROC, TPUT_1P1C);
        add(entries, new GuavaAsyncSubject(), RTT_INPROC, ONEWAY_INPROC, TPUT_1P1C, TPUT_FANOUT);
        add(entries, new GuavaSyncSubject(), ALLOC);
        add(entries, new GreenrobotSubject(), RTT_INPROC, TPUT_1P1C);
        add(entries, new MBassadorSubject(), RTT_INPROC, TPUT_1P1C);
        add(entries, new VertxSubject(false), RTT_INPROC, ONEWAY_INPROC, TPUT_1P1C);
        add(entries, new VertxSubject(true), TPUT_FANOUT);
        add(entries, new VertxRequestSubject(), RTT_INPROC);
        add(entries, new AeronIpcSubject(Idle.YIELDING), RTT_IPC, TPUT_IPC);
        return Collections.unmodifiableList(entries);
    }

    private static void add(final List<Entry> entries, final Subject subject, final String... scenarios)
    {
        for (final Entry entry : entries)
        {
            if (entry.subject().id().equals(subject.id()))
            {
                throw new IllegalStateException("subject id registered twice: " + subject.id());
            }
        }
        entries.add(new Entry(subject, Set.of(scenarios)));
    }

    static List<Entry> entries()
    {
        return ENTRIES;
    }

    /**
     * The subject with this id (JMH forks find their subject this way).
     *
     * @param id a subject id such as {@code disruptor/busy-spin}.
     * @return the subject.
     * @throws IllegalArgumentException naming the unknown id and the known ones.
     */
    public static Subject byId(final String id)
    {
        for (final Entry entry : ENTRIES)
        {
            if (entry.subject().id().equals(id))
            {
                return entry.subject();
            }
        }
        throw new IllegalArgumentException("unknown subject '" + id + "'; known: " + ids());
    }

    static List<String> ids()
    {
        return ENTRIES.stream().map(e -> e.subject().id()).toList();
    }
}
