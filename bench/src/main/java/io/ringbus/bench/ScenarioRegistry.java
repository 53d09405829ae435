package io.ringbus.bench;

import io.ringbus.bench.subjects.Idle;
import io.ringbus.bench.subjects.RingbusTopicsSubject;

import java.util.List;

/**
 * Every scenario of {@code BENCHMARKS.md}, in run order. A scenario whose subjects do not exist yet is a
 * {@link PendingScenario} saying what it needs; replace its line with the real scenario when they land
 * (and register the subjects for it in {@link SubjectRegistry}).
 * <p>
 * <b>Note:</b> constants only; thread-safe.
 */
final class ScenarioRegistry
{
    static final String RTT_INPROC = RoundTripScenario.ID;
    static final String ONEWAY_INPROC = OneWayScenario.ID;
    static final String TPUT_1P1C = "tput-1p1c";
    static final String TPUT_FANOUT = "tput-fanout";
    static final String TPUT_QUEUE = "tput-queue";
    static final String TPUT_TOPICS = "tput-topics";
    static final String ALLOC = "alloc";
    static final String DELAY = "delay";
    static final String JOURNAL = "journal";
    static final String RTT_IPC = "rtt-ipc";
    static final String TPUT_IPC = "tput-ipc";
    /** The IPC child acknowledges every this many messages (see {@code IpcPeer.ACK_EVERY}). */
    private static final int IPC_ACK_EVERY = 100;
    /** How many topics the subjects of {@code tput-topics} spread their messages over. */
    static final List<Integer> TOPIC_COUNTS = List.of(1, 100, 10_000);
    /** The idle strategy of {@code tput-topics}: a producer and two dispatcher threads exceed 2 cores. */
    static final String TOPICS_IDLE = Idle.YIELDING.label();

    private static final List<Scenario> SCENARIOS = List.of(
        new RoundTripScenario(),
        new OneWayScenario(),
        new JmhScenario(TPUT_1P1C,
            "messages/s from 1 producer to 1 consumer, delivered (JMH, batches of 1000 then wait for delivery; " +
            "higher is better); B/op from -prof gc", Topology.ONE_TO_ONE, 1),
        new JmhScenario(TPUT_FANOUT,
            "messages/s from 1 producer to 3 subscribers, each sees every message (JMH; 4 threads on 2 cores, so " +
            "yielding/blocking strategies only)", Topology.FAN_OUT, 3),
        new JmhScenario(TPUT_QUEUE,
            "messages/s from 1 producer to 2 competing consumers (JMH; 3 threads on 2 cores, so yielding/blocking " +
            "strategies only)", Topology.COMPETING, 2),
        JmhScenario.roundRobin(TPUT_TOPICS,
            "messages/s from 1 producer publishing round-robin over 1, 100 and 10,000 topics, one subscriber each, " +
            "delivered (JMH, batches of 1000 then wait for delivery). The bus is Ringbus's default except the idle " +
            "strategy (" + TOPICS_IDLE + ": 3 threads on 2 cores; the default dispatcher threads), and every " +
            "topic has a ring of " + RingbusTopicsSubject.RING_SIZE + " slots (TopicOptions.ringSize) " +
            "whatever the count, so that 10,000 topics fit in memory (a batch of 1000 fills one topic's ring, so " +
            "the 1-topic figure includes the producer's waits for a full ring)", topicsSubject(1)),
        new JmhScenario(ALLOC,
            "bytes allocated per message (JMH -prof gc, gc.alloc.rate.norm over all threads) and cost per message " +
            "of Ringbus's hot paths; guava-sync (dispatch on the caller's thread) as a reference",
            Topology.ONE_TO_ONE, 1),
        new DelayScenario(),
        new JournalScenario(),
        new RoundTripScenario(RTT_IPC,
            "round trip between two processes over Aeron IPC, one media driver (HdrHistogram, ns; lower is better): the " +
            "harness thread sends a ping of the payload size, the child process echoes it, the caller waits as the note " +
            "says; yielding, since each side has more threads than the 2 cores"),
        new JmhScenario(TPUT_IPC,
            "messages/s from this process to a child process over Aeron IPC, payload of bench.size bytes (32 by " +
            "default), delivered: the child acknowledges every " + IPC_ACK_EVERY + " messages (JMH, batches of 1000 then " +
            "wait for the acknowledgement; yielding; B/op counts this process only)", Topology.ONE_TO_ONE, 1, true));

    private ScenarioRegistry()
    {
    }

    /**
     * The id of the {@code tput-topics} subject spreading over this many topics.
     *
     * @param topics one of {@link #TOPIC_COUNTS}.
     * @return e.g. {@code ringbus-topics-10000/yielding}.
     */
    static String topicsSubject(final int topics)
    {
        return RingbusTopicsSubject.name(topics) + "/" + TOPICS_IDLE;
    }

    static List<Scenario> all()
    {
        return SCENARIOS;
    }
}
