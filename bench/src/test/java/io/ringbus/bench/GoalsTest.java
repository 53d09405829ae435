package io.ringbus.bench;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The goal evaluator's arithmetic on made-up results (no measurement here): which side of each threshold is
 * MET, which peer each Ringbus path is compared with, how passes combine (ratio within a pass, judged on the median),
 * and what is said when a figure is missing or unreliable.
 */
class GoalsTest
{
    private static final String OBJECT_TPUT = "object mode, at least 0.8x";
    private static final String SLOT_TPUT = "slot mode, at least 0.8x";
    private static final String RTT_P50 = "p50 within 1.15x";

    @Test
    void ratiosDecideMetAndNotMet()
    {
        final List<Result> results = new ArrayList<>();
        results.add(latency("ringbus-topic/busy-spin", 1100, 3000));
        results.add(latency("disruptor/busy-spin", 1000, 1000));
        results.add(latency("floor/busy-spin", 500, 500));
        results.add(tput(ScenarioRegistry.TPUT_1P1C, "ringbus-topic/busy-spin", 80, 0));
        results.add(tput(ScenarioRegistry.TPUT_1P1C, "disruptor/busy-spin", 100, 0));
        results.add(tput(ScenarioRegistry.TPUT_1P1C, "guava-async/executor", 5, 100));
        results.add(tput(ScenarioRegistry.ALLOC, "ringbus-queue/yielding", 10, 0.01));
        results.add(tput(ScenarioRegistry.ALLOC, "ringbus-annotated/yielding", 10, 24));
        results.add(tput(ScenarioRegistry.ALLOC, "ringbus-lambda/yielding", 11.5, 0));

        final List<Goals.Check> checks = Goals.evaluate(results);
        assertEquals("MET", status(checks, RTT_P50));
        assertEquals("NOT MET", status(checks, "p99.9 within 1.5x"));
        assertEquals("NOT MET", status(checks, "within 2x of the floor"), "1100 vs 500 is 2.2x");
        assertEquals("MET", status(checks, OBJECT_TPUT), "exactly 0.8x meets 'at least'");
        assertEquals("NOT MET", status(checks, "20x Guava"), "16x is short of 20x");
        assertTrue(status(checks, "10x Vert.x").startsWith("not measured in this run"));
        assertTrue(status(checks, SLOT_TPUT).startsWith("not measured in this run"), "no slot path, no peer");
        assertTrue(status(checks, "on the slot path").startsWith("not measured in this run"));
        assertTrue(status(checks, "never handled before").startsWith("not measured in this run"));
        assertTrue(status(checks, "10,000 topics").startsWith("not measured in this run"));
        assertEquals("MET", status(checks, "queue send+consume"));
        assertEquals("NOT MET", status(checks, "annotated dispatch"));
        assertEquals("NOT MET", status(checks, "1.1x a plain Handler"), "1/10 vs 1/11.5 s is 1.15x");
    }

    @Test
    void eachTopicPathIsComparedWithItsLikeForLikeDisruptor()
    {
        final List<Result> results = new ArrayList<>();
        // The slot path beats the reference-holding Disruptor but not the preallocated one: slot mode is judged
        // against the preallocated one only.
        results.add(tput(ScenarioRegistry.TPUT_1P1C, "ringbus-slot/busy-spin", 70, 0));
        results.add(tput(ScenarioRegistry.TPUT_1P1C, "ringbus-topic/busy-spin", 50, 0));
        results.add(tput(ScenarioRegistry.TPUT_1P1C, "disruptor/busy-spin", 60, 0));
        results.add(tput(ScenarioRegistry.TPUT_1P1C, "disruptor-prealloc/busy-spin", 100, 0));
        final List<Goals.Check> checks = Goals.evaluate(results);
        assertEquals("NOT MET", status(checks, SLOT_TPUT), "70 vs 100 preallocated is 0.7x");
        assertTrue(figure(checks, SLOT_TPUT).startsWith("ringbus-slot/busy-spin 70 msg/s vs disruptor-prealloc"),
            figure(checks, SLOT_TPUT));
        assertEquals("MET", status(checks, OBJECT_TPUT), "50 vs 60 with references is 0.83x");
        assertTrue(figure(checks, OBJECT_TPUT).contains("vs disruptor/busy-spin"), figure(checks, OBJECT_TPUT));
    }

    @Test
    void theSingleWriterTopicCountsWhenItIsTheBetterPath()
    {
        final List<Result> results = new ArrayList<>();
        results.add(tput(ScenarioRegistry.TPUT_1P1C, "ringbus-topic-sw/busy-spin", 90, 0));
        results.add(tput(ScenarioRegistry.TPUT_1P1C, "ringbus-topic/busy-spin", 50, 0));
        results.add(tput(ScenarioRegistry.TPUT_1P1C, "disruptor/busy-spin", 100, 0));
        results.add(tput(ScenarioRegistry.TPUT_FANOUT, "ringbus-slot-sw/yielding", 40, 0));
        results.add(tput(ScenarioRegistry.TPUT_FANOUT, "ringbus-topic/yielding", 90, 0));
        results.add(tput(ScenarioRegistry.TPUT_FANOUT, "disruptor/yielding", 100, 0));
        results.add(tput(ScenarioRegistry.TPUT_FANOUT, "disruptor-prealloc/yielding", 50, 0));
        final List<Goals.Check> checks = Goals.evaluate(results);
        assertEquals("MET", status(checks, OBJECT_TPUT));
        assertTrue(figure(checks, OBJECT_TPUT).startsWith("ringbus-topic-sw/busy-spin"));
        assertEquals("MET", status(checks, "multicast"));
        assertTrue(figure(checks, "multicast").startsWith("ringbus-topic/yielding"),
            "0.9x beats the slot path's 0.8x: " + figure(checks, "multicast"));
    }

    @Test
    void eachPassIsComparedWithItselfAndTheGoalIsJudgedOnTheMedian()
    {
        final List<Result> results = new ArrayList<>();
        // Ratios 1.0, 2.0 and 0.5: pooled figures (160 vs 205, 0.78x) would say NOT MET; the median pass says 1.0x.
        addPass(results, 1, ScenarioRegistry.TPUT_1P1C, "ringbus-topic/busy-spin", 100, "disruptor/busy-spin", 100);
        addPass(results, 2, ScenarioRegistry.TPUT_1P1C, "ringbus-topic/busy-spin", 10, "disruptor/busy-spin", 5);
        addPass(results, 3, ScenarioRegistry.TPUT_1P1C, "ringbus-topic/busy-spin", 50, "disruptor/busy-spin", 100);
        final Goals.Check check = check(Goals.evaluate(results), OBJECT_TPUT);
        assertEquals("MET", check.status());
        assertEquals(0.5, check.spread().min());
        assertEquals(1.0, check.spread().median());
        assertEquals(2.0, check.spread().max());
        assertEquals(3, check.spread().count());
        assertEquals("x", check.unit());
        assertTrue(check.figure().contains("100 msg/s vs disruptor/busy-spin 100 msg/s (pass 1, the median of 3)"),
            check.figure());
    }

    @Test
    void oneGoodPassCannotMakeAGoalNorOneBadPassBreakIt()
    {
        final List<Result> lucky = new ArrayList<>();
        addPass(lucky, 1, ScenarioRegistry.TPUT_1P1C, "ringbus-topic/busy-spin", 70, "disruptor/busy-spin", 100);
        addPass(lucky, 2, ScenarioRegistry.TPUT_1P1C, "ringbus-topic/busy-spin", 300, "disruptor/busy-spin", 100);
        addPass(lucky, 3, ScenarioRegistry.TPUT_1P1C, "ringbus-topic/busy-spin", 75, "disruptor/busy-spin", 100);
        assertEquals("NOT MET", status(Goals.evaluate(lucky), OBJECT_TPUT), "median 0.75x despite a 3x pass");
        final List<Result> unlucky = new ArrayList<>();
        addPass(unlucky, 1, ScenarioRegistry.TPUT_1P1C, "ringbus-topic/busy-spin", 90, "disruptor/busy-spin", 100);
        addPass(unlucky, 2, ScenarioRegistry.TPUT_1P1C, "ringbus-topic/busy-spin", 10, "disruptor/busy-spin", 100);
        addPass(unlucky, 3, ScenarioRegistry.TPUT_1P1C, "ringbus-topic/busy-spin", 85, "disruptor/busy-spin", 100);
        assertEquals("MET", status(Goals.evaluate(unlucky), OBJECT_TPUT), "median 0.85x despite a 0.1x pass");
    }

    @Test
    void theManyTopicsGoalDividesTenThousandTopicsByOne()
    {
        final List<Result> results = new ArrayList<>();
        results.add(tput(ScenarioRegistry.TPUT_TOPICS, ScenarioRegistry.topicsSubject(1), 10_000_000, 0));
        results.add(tput(ScenarioRegistry.TPUT_TOPICS, ScenarioRegistry.topicsSubject(100), 9_000_000, 0));
        results.add(tput(ScenarioRegistry.TPUT_TOPICS, ScenarioRegistry.topicsSubject(10_000), 4_000_000, 0));
        final Goals.Check check = check(Goals.evaluate(results), "10,000 topics");
        assertEquals("NOT MET", check.status(), "0.4x");
        assertEquals(0.4, check.spread().median(), 1e-9);
        results.set(2, tput(ScenarioRegistry.TPUT_TOPICS, ScenarioRegistry.topicsSubject(10_000), 5_000_000, 0));
        assertEquals("MET", status(Goals.evaluate(results), "10,000 topics"), "exactly 0.5x");
    }

    @Test
    void requestReplyIsComparedWithTheTopicRoundTrip()
    {
        final List<Result> results = new ArrayList<>();
        results.add(latency("ringbus-topic/busy-spin", 400, 1000));
        results.add(latency("ringbus-request/busy-spin", 1500, 3000));
        results.add(latency("ringbus-request-callback/busy-spin", 900, 3000));
        final Goals.Check check = check(Goals.evaluate(results), "request/reply p50 within 2.5x");
        assertEquals("MET", check.status(), "the callback form's 2.25x counts");
        assertTrue(check.figure().startsWith("ringbus-request-callback/busy-spin"), check.figure());
    }

    @Test
    void zeroAllocationIsJudgedOnTheMedianPass()
    {
        final List<Result> results = new ArrayList<>();
        results.add(tput(ScenarioRegistry.ALLOC, "ringbus-slot/yielding", 10, 0.01).inPass(1));
        results.add(tput(ScenarioRegistry.ALLOC, "ringbus-slot/yielding", 10, 40).inPass(2));
        results.add(tput(ScenarioRegistry.ALLOC, "ringbus-slot/yielding", 10, 0.02).inPass(3));
        final Goals.Check check = check(Goals.evaluate(results), "on the slot path");
        assertEquals("MET", check.status());
        assertEquals(40, check.spread().max());
        assertEquals("B/msg", check.unit());
    }

    @Test
    void aStarvedPathIsNotChosenOverOneWithEnoughSamples()
    {
        final List<Result> results = List.of(
            new Result.Latency(ScenarioRegistry.RTT_INPROC, "ringbus-slot/busy-spin", "busy-spin", true, starved(),
                Goals.fewSamples(1, 1.0)),
            latency("disruptor-prealloc/busy-spin", 1000, 1000),
            latency("ringbus-topic/busy-spin", 1100, 1100),
            latency("disruptor/busy-spin", 1000, 1000));
        final Goals.Check check = check(Goals.evaluate(results), RTT_P50);
        assertTrue(check.figure().startsWith("ringbus-topic/busy-spin"), check.figure());
        assertEquals("MET", check.status());
    }

    @Test
    void aComparisonWithNoReliablePassIsNotMeasuredAndSaysWhy()
    {
        final List<Result> results = List.of(
            latency("ringbus-topic/busy-spin", 1000, 1000),
            new Result.Latency(ScenarioRegistry.RTT_INPROC, "disruptor/busy-spin", "busy-spin", false, starved(),
                Goals.fewSamples(1, 1.0)));
        final Goals.Check check = check(Goals.evaluate(results), RTT_P50);
        assertTrue(check.status().startsWith("not measured: unreliable in every pass"), check.status());
        assertTrue(check.status().contains("disruptor/busy-spin: unreliable: only 1 round trips"), check.status());
        assertFalse(check.status().contains("MET"), "never MET or NOT MET");
        assertTrue(check.spread().isEmpty(), "no figure from a starved run");
        assertEquals("", check.figure());
    }

    @Test
    void aStarvedPassIsLeftOutOfTheSpreadAndSaidSo()
    {
        final List<Result> results = new ArrayList<>();
        results.add(latency("ringbus-topic/busy-spin", 1000, 1000).inPass(1));
        results.add(latency("disruptor/busy-spin", 1000, 1000).inPass(1));
        results.add(new Result.Latency(ScenarioRegistry.RTT_INPROC, "ringbus-topic/busy-spin", "busy-spin", true,
            starved(), Goals.fewSamples(1, 1.0), 2));
        results.add(latency("disruptor/busy-spin", 1000, 1000).inPass(2));
        results.add(latency("ringbus-topic/busy-spin", 1100, 1000).inPass(3));
        results.add(latency("disruptor/busy-spin", 1000, 1000).inPass(3));
        final Goals.Check check = check(Goals.evaluate(results), RTT_P50);
        assertEquals("MET", check.status(), "median of 1.0x and 1.1x");
        assertEquals(2, check.spread().count());
        assertTrue(check.figure().contains("1 of 3 passes left out, unreliable"), check.figure());
    }

    @Test
    void ipcGoalsCompareRingbusOverAeronWithRawAeron()
    {
        final List<Result> results = new ArrayList<>();
        results.add(latencyIn(ScenarioRegistry.RTT_IPC, "ringbus-ipc/yielding", 1200, 5000));
        results.add(latencyIn(ScenarioRegistry.RTT_IPC, "aeron-ipc/yielding", 1000, 5000));
        results.add(tput(ScenarioRegistry.TPUT_IPC, "ringbus-ipc/yielding", 7, 0));
        results.add(tput(ScenarioRegistry.TPUT_IPC, "aeron-ipc/yielding", 10, 0));
        final List<Goals.Check> checks = Goals.evaluate(results);
        assertEquals("MET", status(checks, "p50 within 1.25x of raw Aeron"));
        assertEquals("NOT MET", status(checks, "p99 better than raw Aeron"), "equal is not better");
        assertEquals("NOT MET", status(checks, "at least 0.8x raw Aeron IPC"), "0.7x");
    }

    @Test
    void anEarlyDelayedDeliveryFailsTheNeverEarlyGoal()
    {
        final Histogram lateness = LatencyHarness.histogram();
        lateness.recordValue(500_000);
        final List<Result> onTime = List.of(new Result.Latency(ScenarioRegistry.DELAY, "ringbus-send-after-1ms/backoff",
            "backoff", true, lateness, "timer tick 1.049 ms"));
        assertEquals("MET", status(Goals.evaluate(onTime), "never handled before"));
        final List<Result> early = List.of(new Result.Latency(ScenarioRegistry.DELAY, "ringbus-send-after-1ms/backoff",
            "backoff", true, lateness, "!!! " + DelayScenario.EARLY + ": 1 of 10 messages handled before their deadline"));
        assertEquals("NOT MET", status(Goals.evaluate(early), "never handled before"));
        assertTrue(figure(Goals.evaluate(early), "never handled before").contains("ringbus-send-after-1ms/backoff"));
    }

    @Test
    void aStarvedPingPongIsMarkedUnreliable()
    {
        assertTrue(Goals.fewSamples(500, 1.0).startsWith("unreliable"));
        assertEquals("", Goals.fewSamples(50_000, 1.0));
        assertTrue(new Result.Latency(ScenarioRegistry.RTT_INPROC, "x/busy-spin", "busy-spin", false, starved(),
            Goals.fewSamples(1, 1.0)).unreliable());
    }

    @Test
    void theSpreadOfAnEvenCountHasTheMeanOfTheTwoMiddleValuesAsItsMedian()
    {
        final Spread spread = Spread.of(List.of(4.0, 1.0, 3.0, 2.0));
        assertEquals(1.0, spread.min());
        assertEquals(2.5, spread.median());
        assertEquals(4.0, spread.max());
        assertTrue(Spread.of(List.of()).isEmpty());
    }

    static void addPass(
        final List<Result> results, final int pass, final String scenario, final String subject, final double ops,
        final String peer, final double peerOps)
    {
        results.add(tput(scenario, subject, ops, 0).inPass(pass));
        results.add(tput(scenario, peer, peerOps, 0).inPass(pass));
    }

    private static Histogram starved()
    {
        final Histogram starved = LatencyHarness.histogram();
        starved.recordValue(10);
        return starved;
    }

    private static Goals.Check check(final List<Goals.Check> checks, final String fragment)
    {
        return checks.stream().filter(c -> c.goal().contains(fragment)).findFirst().orElseThrow();
    }

    private static String status(final List<Goals.Check> checks, final String fragment)
    {
        return check(checks, fragment).status();
    }

    private static String figure(final List<Goals.Check> checks, final String fragment)
    {
        return check(checks, fragment).figure();
    }

    static Result latency(final String subject, final long p50, final long p999)
    {
        return latencyIn(ScenarioRegistry.RTT_INPROC, subject, p50, p999);
    }

    static Result latencyIn(final String scenario, final String subject, final long p50, final long p999)
    {
        final Histogram histogram = LatencyHarness.histogram();
        histogram.recordValueWithCount(p50, 998);
        histogram.recordValueWithCount(p999, 2);
        return new Result.Latency(scenario, subject, "busy-spin", subject.startsWith("ringbus"), histogram, "");
    }

    static Result tput(final String scenario, final String subject, final double ops, final double bytes)
    {
        return new Result.Throughput(scenario, subject, "x", subject.startsWith("ringbus"), ops, 0, bytes, "");
    }
}
