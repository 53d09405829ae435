package io.ringbus.bench;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The summary's tables on made-up results: ratio cells computed pass by pass with their spread, a dash and the
 * reason instead of a figure from a starved run, one row per pass.
 */
class TablesTest
{
    private static final String TPUT = ScenarioRegistry.TPUT_1P1C;

    @Test
    void ratioCellsShowTheMedianAndTheSpreadOfThePasses()
    {
        final List<Result> results = new ArrayList<>();
        pass(results, 1, TPUT, "ringbus-topic/busy-spin", 100, "disruptor/busy-spin", 100);
        pass(results, 2, TPUT, "ringbus-topic/busy-spin", 10, "disruptor/busy-spin", 5);
        pass(results, 3, TPUT, "ringbus-topic/busy-spin", 50, "disruptor/busy-spin", 100);
        final String table = Tables.ratioTable(results);
        assertTrue(table.contains("| ringbus-topic/busy-spin | 1.00x (0.50x–2.00x) |"), table);
        assertTrue(table.contains("median (min–max)"), table);
    }

    @Test
    void aSinglePassShowsTheRatioAlone()
    {
        final List<Result> results = new ArrayList<>();
        pass(results, 1, TPUT, "ringbus-topic/busy-spin", 80, "disruptor/busy-spin", 100);
        final String table = Tables.ratioTable(results);
        assertTrue(table.contains("| ringbus-topic/busy-spin | 0.80x |"), table);
    }

    @Test
    void aStarvedRunGivesADashAndTheReasonNeverItsRatio()
    {
        final Histogram starved = LatencyHarness.histogram();
        starved.recordValue(2_831_000);
        final List<Result> results = List.of(
            new Result.Latency(ScenarioRegistry.RTT_INPROC, "ringbus-topic/busy-spin", "busy-spin", true, starved,
                Goals.fewSamples(1, 1.0)),
            GoalsTest.latency("ringbus-slot/busy-spin", 1000, 1000),
            GoalsTest.latency("disruptor/busy-spin", 1000, 1000),
            new Result.Latency(ScenarioRegistry.RTT_INPROC, "floor/busy-spin", "busy-spin", false,
                LatencyHarness.histogram(), Goals.fewSamples(0, 1.0)));
        final String table = Tables.ratioTable(results);
        assertTrue(table.contains("| ringbus-topic/busy-spin | – (unreliable row) | – (unreliable row) |"), table);
        assertTrue(table.contains("| ringbus-slot/busy-spin | 1.00x / 1.00x | – (unreliable column) |"), table);
        assertFalse(table.contains("2831x"), table);
        assertFalse(table.contains("0.00x"), table);
    }

    @Test
    void severalPassesGiveARowPerPassGroupedBySubject()
    {
        final List<Result> results = new ArrayList<>();
        pass(results, 1, TPUT, "ringbus-topic/busy-spin", 100, "disruptor/busy-spin", 90);
        pass(results, 2, TPUT, "ringbus-topic/busy-spin", 110, "disruptor/busy-spin", 80);
        final String table = Tables.resultTable(results);
        assertTrue(table.startsWith("| subject | idle | pass | msg/s |"), table);
        final List<String> rows = table.lines().skip(2).toList();
        assertEquals(4, rows.size());
        assertTrue(rows.get(0).startsWith("| **ringbus-topic/busy-spin** | x | 1 | 100 |"), rows.get(0));
        assertTrue(rows.get(1).startsWith("| **ringbus-topic/busy-spin** | x | 2 | 110 |"), rows.get(1));
        assertTrue(rows.get(2).startsWith("| disruptor/busy-spin | x | 1 | 90 |"), rows.get(2));
    }

    @Test
    void aBaselineTableDividesEverySubjectByTheBaselinePassByPass()
    {
        final List<Result> results = new ArrayList<>();
        for (int pass = 1; pass <= 2; pass++)
        {
            results.add(GoalsTest.tput(ScenarioRegistry.TPUT_TOPICS, ScenarioRegistry.topicsSubject(1), 100, 0)
                .inPass(pass));
            results.add(GoalsTest.tput(ScenarioRegistry.TPUT_TOPICS, ScenarioRegistry.topicsSubject(10_000),
                pass == 1 ? 40 : 60, 0).inPass(pass));
        }
        final String table = Tables.baselineTable(results, ScenarioRegistry.topicsSubject(1));
        assertTrue(table.contains("| " + ScenarioRegistry.topicsSubject(10_000) + " | 0.50x (0.40x–0.60x) |"), table);
    }

    private static void pass(
        final List<Result> results, final int pass, final String scenario, final String subject, final double ops,
        final String peer, final double peerOps)
    {
        GoalsTest.addPass(results, pass, scenario, subject, ops, peer, peerOps);
    }
}
