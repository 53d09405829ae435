package io.ringbus.bench;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The goal evaluator's arithmetic on made-up results (no measurement here): which side of each threshold is
 * MET, and what is said when a figure is missing.
 */
class GoalsTest
{
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
        assertEquals("MET", status(checks, "p50 within 1.15x"));
        assertEquals("NOT MET", status(checks, "p99.9 within 1.5x"));
        assertEquals("NOT MET", status(checks, "within 2x of the floor"), "1100 vs 500 is 2.2x");
        assertEquals("MET", status(checks, "0.8x raw Disruptor (busy-spin both)"), "exactly 0.8x meets 'at least'");
        assertEquals("NOT MET", status(checks, "20x Guava"), "16x is short of 20x");
        assertTrue(status(checks, "10x Vert.x").startsWith("not measured in this run"));
        assertTrue(status(checks, "slot path").startsWith("not measured in this run"));
        assertTrue(status(checks, "never handled before").startsWith("not measured in this run"));
        assertEquals("MET", status(checks, "queue send+consume"));
        assertEquals("NOT MET", status(checks, "annotated dispatch"));
        assertEquals("NOT MET", status(checks, "1.1x a plain Handler"), "1/10 vs 1/11.5 s is 1.15x");
    }

    @Test
    void topicGoalsUseTheBestTopicPathAndNameIt()
    {
        final List<Result> results = new ArrayList<>();
        results.add(latency("ringbus-topic/busy-spin", 1300, 1000));
        results.add(latency("ringbus-slot/busy-spin", 1100, 3000));
        results.add(latency("disruptor/busy-spin", 1000, 1000));
        results.add(tput(ScenarioRegistry.TPUT_1P1C, "ringbus-topic/busy-spin", 70, 0));
        results.add(tput(ScenarioRegistry.TPUT_1P1C, "ringbus-slot/busy-spin", 90, 0));
        results.add(tput(ScenarioRegistry.TPUT_1P1C, "disruptor/busy-spin", 100, 0));
        results.add(tput(ScenarioRegistry.ALLOC, "ringbus-slot/yielding", 10, 0.02));
        results.add(tput(ScenarioRegistry.ALLOC, "ringbus-request-callback/yielding", 10, 48));

        final List<Goals.Check> checks = Goals.evaluate(results);
        assertEquals("MET", status(checks, "p50 within 1.15x"), "the slot path's 1.1x counts");
        assertTrue(figure(checks, "p50 within 1.15x").startsWith("ringbus-slot/busy-spin"));
        assertEquals("MET", status(checks, "p99.9 within 1.5x"), "the object path's p99.9 counts");
        assertTrue(figure(checks, "p99.9 within 1.5x").startsWith("ringbus-topic/busy-spin"));
        assertEquals("MET", status(checks, "0.8x raw Disruptor (busy-spin both)"));
        assertTrue(figure(checks, "0.8x raw Disruptor (busy-spin both)").startsWith("ringbus-slot/busy-spin"));
        assertEquals("MET", status(checks, "slot path"));
        assertEquals("NOT MET", status(checks, "request/reply round trip"));
    }

    @Test
    void aStarvedTopicPathIsNotChosenOverOneWithEnoughSamples()
    {
        final Histogram starved = LatencyHarness.histogram();
        starved.recordValue(10);
        final List<Result> results = List.of(
            new Result.Latency(ScenarioRegistry.RTT_INPROC, "ringbus-slot/busy-spin", "busy-spin", true, starved,
                Goals.fewSamples(1, 1.0)),
            latency("ringbus-topic/busy-spin", 1100, 1100),
            latency("disruptor/busy-spin", 1000, 1000));
        final Goals.Check check = Goals.evaluate(results).get(0);
        assertTrue(check.figure().startsWith("ringbus-topic/busy-spin"), check.figure());
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
        assertTrue(figure(checks, "p99 better than raw Aeron").contains("p99 "), figure(checks, "p99 better"));
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
        final Histogram few = LatencyHarness.histogram();
        few.recordValue(1000);
        final List<Result> results = List.of(
            latency("ringbus-topic/busy-spin", 1000, 1000),
            new Result.Latency(ScenarioRegistry.RTT_INPROC, "disruptor/busy-spin", "busy-spin", false, few,
                Goals.fewSamples(1, 1.0)));
        final Goals.Check check = Goals.evaluate(results).get(0);
        assertEquals("MET", check.status());
        assertTrue(check.figure().contains("unreliable"), check.figure());
    }

    private static String status(final List<Goals.Check> checks, final String fragment)
    {
        return checks.stream().filter(c -> c.goal().contains(fragment)).findFirst().orElseThrow().status();
    }

    private static String figure(final List<Goals.Check> checks, final String fragment)
    {
        return checks.stream().filter(c -> c.goal().contains(fragment)).findFirst().orElseThrow().figure();
    }

    private static Result latency(final String subject, final long p50, final long p999)
    {
        return latencyIn(ScenarioRegistry.RTT_INPROC, subject, p50, p999);
    }

    private static Result latencyIn(final String scenario, final String subject, final long p50, final long p999)
    {
        final Histogram histogram = LatencyHarness.histogram();
        histogram.recordValueWithCount(p50, 998);
        histogram.recordValueWithCount(p999, 2);
        return new Result.Latency(scenario, subject, "busy-spin", subject.startsWith("ringbus"), histogram, "");
    }

    private static Result tput(final String scenario, final String subject, final double ops, final double bytes)
    {
        return new Result.Throughput(scenario, subject, "x", subject.startsWith("ringbus"), ops, 0, bytes, "");
    }
}
