package io.ringbus.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The goals of issue 4, evaluated from one run's own numbers: MET, NOT MET, or why it is not measured; plus issue
 * 3's never-early promise for delayed delivery. A goal about "the Ringbus topic" takes the best of the topic paths
 * ({@link #TOPIC_PATHS}) measured with the same idle strategy and names it. Never asserted by a test: speed lives
 * in reports (BENCHMARKS.md rule 7).
 * <p>
 * <b>Note:</b> stateless.
 */
final class Goals
{
    /** Below this many bytes per message, JMH's {@code gc.alloc.rate.norm} reads as zero (it is an average). */
    static final double ZERO_BYTES = 0.5;

    /**
     * One goal's verdict.
     *
     * @param goal   what is promised.
     * @param figure the run's figure, or empty.
     * @param status MET, NOT MET, or why it is not measured.
     */
    record Check(String goal, String figure, String status)
    {
    }

    /** A round trip slower than this on average (1 ms) means the threads were mostly descheduled. */
    static final double MIN_ROUND_TRIPS_PER_SECOND = 1000;
    /** The word that marks a result the goals must not be judged on alone. */
    static final String UNRELIABLE = "unreliable";

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

    /** The Ringbus topic paths a topic goal may use: object mode and slot mode. */
    static final List<String> TOPIC_PATHS = List.of("ringbus-topic", "ringbus-slot");
    /** The Ringbus paths over Aeron IPC an IPC goal may use: dispatcher and receiver-thread dispatch, yielding. */
    static final List<String> IPC_PATHS = List.of("ringbus-ipc/yielding", "ringbus-ipc-rx/yielding");

    static List<Check> evaluate(final List<Result> results)
    {
        final List<Check> checks = new ArrayList<>();
        final String rtt = ScenarioRegistry.RTT_INPROC;
        latencyRatio(checks, results, rtt, topicPaths("busy-spin"), "disruptor/busy-spin", 50, 1.15,
            "rtt-inproc busy-spin: Ringbus topic p50 within 1.15x of raw Disruptor busy-spin");
        latencyRatio(checks, results, rtt, topicPaths("busy-spin"), "disruptor/busy-spin", 99.9, 1.5,
            "rtt-inproc busy-spin: Ringbus topic p99.9 within 1.5x of raw Disruptor busy-spin");
        latencyRatio(checks, results, rtt, topicPaths("busy-spin"), "floor/busy-spin", 50, 2.0,
            "rtt-inproc busy-spin: Ringbus topic p50 within 2x of the floor");
        final String tput = ScenarioRegistry.TPUT_1P1C;
        throughputRatio(checks, results, tput, topicPaths("busy-spin"), "disruptor/busy-spin", 0.8,
            "tput-1p1c: Ringbus topic at least 0.8x raw Disruptor (busy-spin both)");
        throughputRatio(checks, results, tput, topicPaths("busy-spin"), "guava-async/executor", 20,
            "tput-1p1c: Ringbus topic (busy-spin) at least 20x Guava AsyncEventBus");
        throughputRatio(checks, results, tput, topicPaths("busy-spin"), "vertx-send/event-loop", 10,
            "tput-1p1c: Ringbus topic (busy-spin) at least 10x Vert.x");
        throughputRatio(checks, results, ScenarioRegistry.TPUT_FANOUT, topicPaths("yielding"), "disruptor/yielding",
            0.8, "tput-fanout (1 producer, 3 subscribers): Ringbus topic at least 0.8x raw Disruptor multicast " +
            "(yielding both)");
        zeroAllocation(checks, results, "ringbus-slot/yielding", "alloc: 0 B/op for topic publish+dispatch on the slot path");
        zeroAllocation(checks, results, "ringbus-queue/yielding", "alloc: 0 B/op for queue send+consume");
        zeroAllocation(checks, results, "ringbus-annotated/yielding", "alloc: 0 B/op for annotated dispatch");
        zeroAllocation(checks, results, "ringbus-request-callback/yielding",
            "alloc: 0 B/op for a request/reply round trip (callback form)");
        final Optional<Result.Throughput> annotated = throughput(results, ScenarioRegistry.ALLOC, "ringbus-annotated/yielding");
        final Optional<Result.Throughput> lambda = throughput(results, ScenarioRegistry.ALLOC, "ringbus-lambda/yielding");
        final String dispatchGoal = "annotated @Subscribe dispatch costs no more than 1.1x a plain Handler lambda";
        if (annotated.isPresent() && lambda.isPresent())
        {
            final double ratio = annotated.get().nanosPerOp() / lambda.get().nanosPerOp();
            checks.add(new Check(dispatchGoal, String.format(Locale.ROOT, "%s vs %s per message: %s",
                Tables.nanos(annotated.get().nanosPerOp()), Tables.nanos(lambda.get().nanosPerOp()),
                Tables.ratio(ratio)), verdict(ratio <= 1.1)));
        }
        else
        {
            checks.add(new Check(dispatchGoal, "", notInRun("alloc", "ringbus-annotated/yielding, ringbus-lambda/yielding")));
        }
        neverEarly(checks, results);
        final String ipc = ScenarioRegistry.RTT_IPC;
        latencyRatio(checks, results, ipc, IPC_PATHS, "aeron-ipc/yielding", 50, 1.25,
            "rtt-ipc (issue 5): Ringbus over Aeron IPC p50 within 1.25x of raw Aeron IPC (yielding both)");
        latencyRatio(checks, results, ipc, IPC_PATHS, "aeron-ipc/yielding", 99, Math.nextDown(1.0),
            "rtt-ipc (issue 5): Ringbus over Aeron IPC p99 better than raw Aeron IPC with the driver's default settings");
        throughputRatio(checks, results, ScenarioRegistry.TPUT_IPC, IPC_PATHS,
            "aeron-ipc/yielding", 0.8,
            "tput-ipc (issue 5): Ringbus over Aeron IPC at least 0.8x raw Aeron IPC (32-byte payload, yielding both)");
        return checks;
    }

    /** The ids of the Ringbus topic paths measured with one idle strategy. */
    private static List<String> topicPaths(final String idle)
    {
        return TOPIC_PATHS.stream().map(name -> name + "/" + idle).toList();
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

    private static void latencyRatio(
        final List<Check> checks, final List<Result> results, final String scenario, final List<String> ringbus,
        final String peer, final double percentile, final double limit, final String goal)
    {
        // The best of the Ringbus paths at this percentile: the goal is about what Ringbus can do, and the
        // figure names the path that did it.
        final List<Result.Latency> candidates = ringbus.stream()
            .map(id -> latency(results, scenario, id))
            .flatMap(Optional::stream)
            .toList();
        // A starved ping-pong (see fewSamples) is chosen only when no path has enough samples.
        final List<Result.Latency> reliable = candidates.stream().filter(l -> !l.note().contains(UNRELIABLE)).toList();
        final Optional<Result.Latency> r = (reliable.isEmpty() ? candidates : reliable).stream()
            .min(Comparator.comparingLong(l -> l.percentile(percentile)));
        final Optional<Result.Latency> p = latency(results, scenario, peer);
        if (r.isEmpty() || p.isEmpty())
        {
            checks.add(new Check(goal, "", notInRun(scenario, "one of " + String.join(", ", ringbus) + "; " + peer)));
            return;
        }
        final long a = r.get().percentile(percentile);
        final long b = p.get().percentile(percentile);
        final double ratio = (double)a / b;
        final boolean unreliable = r.get().note().contains(UNRELIABLE) || p.get().note().contains(UNRELIABLE);
        checks.add(new Check(goal, String.format(Locale.ROOT, "%s p%s %s vs %s: %s%s", r.get().subject(),
            percentile == Math.rint(percentile) ? Long.toString((long)percentile) : Double.toString(percentile),
            Tables.micros(a), Tables.micros(b), Tables.ratio(ratio),
            unreliable ? " (" + UNRELIABLE + ": too few samples, see the table)" : ""),
            verdict(ratio <= limit)));
    }

    private static void throughputRatio(
        final List<Check> checks, final List<Result> results, final String scenario, final List<String> ringbus,
        final String peer, final double atLeast, final String goal)
    {
        final Optional<Result.Throughput> r = ringbus.stream()
            .map(id -> throughput(results, scenario, id))
            .flatMap(Optional::stream)
            .max(Comparator.comparingDouble(Result.Throughput::opsPerSec));
        final Optional<Result.Throughput> p = throughput(results, scenario, peer);
        if (r.isEmpty() || p.isEmpty())
        {
            checks.add(new Check(goal, "", notInRun(scenario, "one of " + String.join(", ", ringbus) + "; " + peer)));
            return;
        }
        final double ratio = r.get().opsPerSec() / p.get().opsPerSec();
        checks.add(new Check(goal, String.format(Locale.ROOT, "%s %s vs %s msg/s: %s", r.get().subject(),
            Tables.rate(r.get().opsPerSec()), Tables.rate(p.get().opsPerSec()), Tables.ratio(ratio)),
            verdict(ratio >= atLeast)));
    }

    private static void zeroAllocation(
        final List<Check> checks, final List<Result> results, final String subject, final String goal)
    {
        final Optional<Result.Throughput> r = throughput(results, ScenarioRegistry.ALLOC, subject);
        if (r.isEmpty() || Double.isNaN(r.get().bytesPerOp()))
        {
            checks.add(new Check(goal, "", notInRun(ScenarioRegistry.ALLOC, subject)));
            return;
        }
        final double bytes = r.get().bytesPerOp();
        checks.add(new Check(goal, String.format(Locale.ROOT, "%s: %.3f B/msg", subject, bytes),
            verdict(bytes < ZERO_BYTES)));
    }

    private static String verdict(final boolean met)
    {
        return met ? "MET" : "NOT MET";
    }

    private static String notInRun(final String scenario, final String subjects)
    {
        return "not measured in this run (needs " + scenario + " with " + subjects + ")";
    }

    private static Optional<Result.Latency> latency(final List<Result> results, final String scenario, final String subject)
    {
        return results.stream()
            .filter(r -> r.scenario().equals(scenario) && r.subject().equals(subject))
            .filter(r -> r instanceof Result.Latency)
            .map(r -> (Result.Latency)r)
            .findFirst();
    }

    private static Optional<Result.Throughput> throughput(
        final List<Result> results, final String scenario, final String subject)
    {
        return results.stream()
            .filter(r -> r.scenario().equals(scenario) && r.subject().equals(subject))
            .filter(r -> r instanceof Result.Throughput)
            .map(r -> (Result.Throughput)r)
            .findFirst();
    }
}
