package io.ringbus.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * The goals of issues 4 and 10, evaluated from one run's own numbers: MET, NOT MET, or why it is not measured;
 * plus issue 3's never-early promise for delayed delivery. Every goal is a ratio of two subjects of the same
 * scenario computed pass by pass ({@link Comparison}) and judged on the median over the passes
 * ({@code bench.repeat}); its check carries the min/median/max. A pass in which either side is unreliable (a
 * starved ping-pong) gives no ratio, and a goal with no reliable pass is "not measured", never MET or NOT MET.
 * <p>
 * Like with like (BENCHMARKS.md 10): each Ringbus topic path is compared with its own raw Disruptor peer, same ring
 * size and wait strategy: object mode ({@link #TOPIC}, {@link #TOPIC_SW}) with the Disruptor whose slot holds a
 * reference ({@link #DISRUPTOR}), slot mode ({@link #SLOT}, {@link #SLOT_SW}) with the Disruptor of preallocated
 * events ({@link #DISRUPTOR_PREALLOC}). A goal over several such pairs takes the pair with the best median and
 * names it. Never asserted by a test: speed lives in reports (BENCHMARKS.md 7).
 * <p>
 * <b>Note:</b> stateless.
 */
final class Goals
{
    /** Below this many bytes per message, JMH's {@code gc.alloc.rate.norm} reads as zero (it is an average). */
    static final double ZERO_BYTES = 0.5;
    /** A round trip slower than this on average (1 ms) means the threads were mostly descheduled. */
    static final double MIN_ROUND_TRIPS_PER_SECOND = 1000;
    /** The word that marks a result the goals must not be judged on. */
    static final String UNRELIABLE = "unreliable";
    /** The status of a goal with no reliable figure starts with this. */
    static final String NOT_MEASURED = "not measured";

    /** Ringbus object-mode topic, any number of publishers. */
    static final String TOPIC = "ringbus-topic";
    /** Ringbus object-mode topic declared single-writer. */
    static final String TOPIC_SW = "ringbus-topic-sw";
    /** Ringbus slot-mode topic, any number of publishers. */
    static final String SLOT = "ringbus-slot";
    /** Ringbus slot-mode topic declared single-writer. */
    static final String SLOT_SW = "ringbus-slot-sw";
    /** Raw Disruptor, single producer, each slot holding a reference to the message: object mode's peer. */
    static final String DISRUPTOR = "disruptor";
    /** Raw Disruptor, single producer, preallocated events the message is copied into: slot mode's peer. */
    static final String DISRUPTOR_PREALLOC = "disruptor-prealloc";
    /** The Ringbus paths over Aeron IPC an IPC goal may use: dispatcher and receiver-thread dispatch, yielding. */
    static final List<String> IPC_PATHS = List.of("ringbus-ipc/yielding", "ringbus-ipc-rx/yielding");

    /**
     * A Ringbus subject and the subject it is measured against.
     *
     * @param subject the numerator's id.
     * @param other   the denominator's id.
     */
    record Pair(String subject, String other)
    {
    }

    /**
     * One goal's verdict.
     *
     * @param goal   what is promised.
     * @param figure the run's figures behind it (the median pass's), or empty.
     * @param spread min/median/max over the passes of the ratio (or of the bytes, for {@code unit} "B/msg").
     * @param unit   "x" for a ratio, "B/msg" for allocation, "" when the goal has no spread.
     * @param status MET, NOT MET, or why it is not measured.
     */
    record Check(String goal, String figure, Spread spread, String unit, String status)
    {
        Check(final String goal, final String figure, final String status)
        {
            this(goal, figure, Spread.NONE, "", status);
        }
    }

    private Goals()
    {
    }

    /**
     * A note for a ping-pong that managed fewer than {@link #MIN_ROUND_TRIPS_PER_SECOND} round trips a second:
     * its threads were descheduled (busy-spin on a loaded machine), so its percentiles describe the machine.
     *
     * @return the note, or an empty string.
     */
    static String fewSamples(final long count, final double seconds)
    {
        return count < MIN_ROUND_TRIPS_PER_SECOND * seconds ?
            UNRELIABLE + ": only " + count + " round trips in " + seconds + " s (threads descheduled: busy machine?)" :
            "";
    }

    /** Object mode against the Disruptor holding references, single-writer first. */
    static List<Pair> objectPairs(final String idle)
    {
        return List.of(pair(TOPIC_SW, DISRUPTOR, idle), pair(TOPIC, DISRUPTOR, idle));
    }

    /** Slot mode against the Disruptor of preallocated events, single-writer first. */
    static List<Pair> slotPairs(final String idle)
    {
        return List.of(pair(SLOT_SW, DISRUPTOR_PREALLOC, idle), pair(SLOT, DISRUPTOR_PREALLOC, idle));
    }

    /** Every topic path against its like-for-like raw Disruptor. */
    static List<Pair> topicPairs(final String idle)
    {
        return Stream.concat(objectPairs(idle).stream(), slotPairs(idle).stream()).toList();
    }

    /** Every topic path with this idle strategy against one peer. */
    static List<Pair> topicsAgainst(final String idle, final String other)
    {
        return Stream.of(TOPIC_SW, TOPIC, SLOT_SW, SLOT).map(name -> new Pair(name + "/" + idle, other)).toList();
    }

    static List<Check> evaluate(final List<Result> results)
    {
        final List<Check> checks = new ArrayList<>();
        final String rtt = ScenarioRegistry.RTT_INPROC;
        ratio(checks, results, rtt, topicPairs("busy-spin"), Comparison.percentile(50), 1.15, false,
            "rtt-inproc busy-spin: Ringbus topic p50 within 1.15x of raw Disruptor (object mode vs references, slot " +
            "mode vs preallocated)");
        ratio(checks, results, rtt, topicPairs("busy-spin"), Comparison.percentile(99.9), 1.5, false,
            "rtt-inproc busy-spin: Ringbus topic p99.9 within 1.5x of raw Disruptor (like for like)");
        ratio(checks, results, rtt, topicsAgainst("busy-spin", "floor/busy-spin"), Comparison.percentile(50), 2.0,
            false, "rtt-inproc busy-spin: Ringbus topic p50 within 2x of the floor");
        ratio(checks, results, rtt, List.of(
                new Pair("ringbus-request-callback/busy-spin", TOPIC + "/busy-spin"),
                new Pair("ringbus-request/busy-spin", TOPIC + "/busy-spin")),
            Comparison.percentile(50), 2.5, false,
            "rtt-inproc busy-spin: Ringbus request/reply p50 within 2.5x of a Ringbus topic round trip");
        final String tput = ScenarioRegistry.TPUT_1P1C;
        ratio(checks, results, tput, objectPairs("busy-spin"), Comparison.OPS_PER_SEC, 0.8, true,
            "tput-1p1c: Ringbus topic, object mode, at least 0.8x raw Disruptor whose slots hold references " +
            "(busy-spin both)");
        ratio(checks, results, tput, slotPairs("busy-spin"), Comparison.OPS_PER_SEC, 0.8, true,
            "tput-1p1c: Ringbus topic, slot mode, at least 0.8x raw Disruptor with preallocated events " +
            "(busy-spin both)");
        ratio(checks, results, tput, topicsAgainst("busy-spin", "guava-async/executor"), Comparison.OPS_PER_SEC, 20,
            true, "tput-1p1c: Ringbus topic (busy-spin) at least 20x Guava AsyncEventBus");
        ratio(checks, results, tput, topicsAgainst("busy-spin", "vertx-send/event-loop"), Comparison.OPS_PER_SEC, 10,
            true, "tput-1p1c: Ringbus topic (busy-spin) at least 10x Vert.x");
        ratio(checks, results, ScenarioRegistry.TPUT_FANOUT, topicPairs("yielding"), Comparison.OPS_PER_SEC, 0.8,
            true, "tput-fanout (1 producer, 3 subscribers, a thread each): Ringbus topic at least 0.8x raw Disruptor " +
            "multicast (like for like, yielding both)");
        ratio(checks, results, ScenarioRegistry.TPUT_TOPICS, List.of(
                new Pair(ScenarioRegistry.topicsSubject(10_000), ScenarioRegistry.topicsSubject(1))),
            Comparison.OPS_PER_SEC, 0.5, true,
            "tput-topics: one producer round-robin over 10,000 topics at least 0.5x the throughput of 1 topic");
        zeroAllocation(checks, results, SLOT + "/yielding",
            "alloc: 0 B/op for topic publish+dispatch on the slot path");
        zeroAllocation(checks, results, SLOT_SW + "/yielding",
            "alloc: 0 B/op for topic publish+dispatch on the single-writer slot path");
        zeroAllocation(checks, results, "ringbus-queue/yielding", "alloc: 0 B/op for queue send+consume");
        zeroAllocation(checks, results, "ringbus-annotated/yielding", "alloc: 0 B/op for annotated dispatch");
        zeroAllocation(checks, results, "ringbus-request-callback/yielding",
            "alloc: 0 B/op for a request/reply round trip (callback form)");
        ratio(checks, results, ScenarioRegistry.ALLOC,
            List.of(new Pair("ringbus-annotated/yielding", "ringbus-lambda/yielding")), Comparison.NANOS_PER_OP, 1.1,
            false, "alloc: annotated @Subscribe dispatch costs no more than 1.1x a plain Handler lambda");
        neverEarly(checks, results);
        final String ipc = ScenarioRegistry.RTT_IPC;
        ratio(checks, results, ipc, against(IPC_PATHS, "aeron-ipc/yielding"), Comparison.percentile(50), 1.25, false,
            "rtt-ipc (issue 5): Ringbus over Aeron IPC p50 within 1.25x of raw Aeron IPC (yielding both)");
        ratio(checks, results, ipc, against(IPC_PATHS, "aeron-ipc/yielding"), Comparison.percentile(99),
            Math.nextDown(1.0), false,
            "rtt-ipc (issue 5): Ringbus over Aeron IPC p99 better than raw Aeron IPC with the driver's default " +
            "settings");
        ratio(checks, results, ScenarioRegistry.TPUT_IPC, against(IPC_PATHS, "aeron-ipc/yielding"),
            Comparison.OPS_PER_SEC, 0.8, true,
            "tput-ipc (issue 5): Ringbus over Aeron IPC at least 0.8x raw Aeron IPC (32-byte payload, yielding both)");
        return checks;
    }

    private static Pair pair(final String subject, final String other, final String idle)
    {
        return new Pair(subject + "/" + idle, other + "/" + idle);
    }

    private static List<Pair> against(final List<String> subjects, final String other)
    {
        return subjects.stream().map(s -> new Pair(s, other)).toList();
    }

    /**
     * A ratio goal over one or more pairs: each pair's ratio pass by pass, the pair with the best median chosen
     * (lowest for an upper limit, highest for a lower one), judged on its median.
     *
     * @param atLeast true when the ratio must be at least {@code limit}, false when at most.
     */
    private static void ratio(
        final List<Check> checks, final List<Result> results, final String scenario, final List<Pair> pairs,
        final ToDoubleFunction<Result> figure, final double limit, final boolean atLeast, final String goal)
    {
        final List<Comparison> comparisons = pairs.stream()
            .map(p -> Comparison.of(results, scenario, p.subject(), p.other(), figure))
            .toList();
        final Comparator<Comparison> byMedian = Comparator.comparingDouble(c -> c.spread().median());
        final Optional<Comparison> best = comparisons.stream()
            .filter(Comparison::reliable)
            .reduce((a, b) -> (atLeast ? byMedian.compare(a, b) >= 0 : byMedian.compare(a, b) <= 0) ? a : b);
        if (best.isEmpty())
        {
            final Optional<Comparison> starved = comparisons.stream().filter(Comparison::measured).findFirst();
            checks.add(new Check(goal, "", starved.isPresent() ?
                NOT_MEASURED + ": " + UNRELIABLE + " in every pass (" + starved.get().unreliableReason() + ")" :
                notInRun(scenario, pairs)));
            return;
        }
        final Comparison c = best.get();
        final Spread spread = c.spread();
        final boolean met = atLeast ? spread.median() >= limit : spread.median() <= limit;
        checks.add(new Check(goal, figure(c, figure), spread, "x", verdict(met)));
    }

    /** The median pass's two figures, and how many passes the spread covers. */
    private static String figure(final Comparison c, final ToDoubleFunction<Result> figure)
    {
        final Comparison.Pass median = c.medianPass();
        final StringBuilder text = new StringBuilder(c.subject()).append(' ')
            .append(format(median.subject(), figure)).append(" vs ").append(c.other()).append(' ')
            .append(format(median.other(), figure));
        if (c.measuredPasses() > 1)
        {
            text.append(String.format(Locale.ROOT, " (pass %d, the median of %d)", median.pass(), c.spread().count()));
        }
        if (c.leftOut() > 0)
        {
            text.append(String.format(Locale.ROOT, "; %d of %d passes left out, %s (%s)", c.leftOut(),
                c.measuredPasses(), UNRELIABLE, c.unreliableReason()));
        }
        return text.toString();
    }

    private static String format(final Result result, final ToDoubleFunction<Result> figure)
    {
        final double value = figure.applyAsDouble(result);
        if (result instanceof Result.Latency)
        {
            return Tables.micros((long)value);
        }
        return figure == Comparison.NANOS_PER_OP ? Tables.nanos(value) + "/msg" : Tables.rate(value) + " msg/s";
    }

    /** Issue 3's promise, checked on every delayed message of the run: none is handled before its deadline. */
    private static void neverEarly(final List<Check> checks, final List<Result> results)
    {
        final String goal = "delay: a delayed message is never handled before its deadline";
        final List<Result.Latency> delays = results.stream()
            .filter(r -> r.scenario().equals(ScenarioRegistry.DELAY) && r instanceof Result.Latency)
            .map(r -> (Result.Latency)r)
            .toList();
        if (delays.isEmpty())
        {
            checks.add(new Check(goal, "", notInRun(ScenarioRegistry.DELAY, "a ringbus-send-after subject")));
            return;
        }
        long messages = 0;
        final List<String> early = new ArrayList<>();
        for (final Result.Latency delay : delays)
        {
            messages += delay.histogram().getTotalCount();
            if (delay.note().contains(DelayScenario.EARLY))
            {
                early.add(delay.subject());
            }
        }
        checks.add(new Check(goal, early.isEmpty() ?
            String.format(Locale.ROOT, "%,d recorded messages, none early", messages) :
            "EARLY deliveries in " + String.join(", ", early) + " (see the delay table)", verdict(early.isEmpty())));
    }

    /** Bytes per message over the passes, judged on the median. */
    private static void zeroAllocation(
        final List<Check> checks, final List<Result> results, final String subject, final String goal)
    {
        final List<Double> bytes = results.stream()
            .filter(r -> r.scenario().equals(ScenarioRegistry.ALLOC) && r.subject().equals(subject))
            .filter(r -> r instanceof Result.Throughput t && !Double.isNaN(t.bytesPerOp()))
            .map(r -> ((Result.Throughput)r).bytesPerOp())
            .toList();
        if (bytes.isEmpty())
        {
            checks.add(new Check(goal, "", notInRun(ScenarioRegistry.ALLOC, subject)));
            return;
        }
        final Spread spread = Spread.of(bytes);
        final String passes = spread.count() > 1 ?
            String.format(Locale.ROOT, " (median of %d passes)", spread.count()) : "";
        checks.add(new Check(goal, String.format(Locale.ROOT, "%s: %.3f B/msg%s", subject, spread.median(), passes),
            spread, "B/msg", verdict(spread.median() < ZERO_BYTES)));
    }

    private static String verdict(final boolean met)
    {
        return met ? "MET" : "NOT MET";
    }

    private static String notInRun(final String scenario, final List<Pair> pairs)
    {
        final List<String> needed = pairs.stream().map(p -> p.subject() + " and " + p.other()).toList();
        return notInRun(scenario, String.join("; or ", needed));
    }

    private static String notInRun(final String scenario, final String subjects)
    {
        return NOT_MEASURED + " in this run (needs " + scenario + " with " + subjects + ")";
    }
}
