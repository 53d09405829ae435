package io.ringbus.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the whole bench in smoke mode (every scenario, every subject, a fraction of a second each) so that it
 * never rots, and checks that the report folder is complete and well-formed. It asserts nothing about speed:
 * smoke numbers are not measurements.
 */
class SmokeTest
{
    @Test
    @Timeout(value = 110, unit = TimeUnit.SECONDS)
    void smokeRunWritesACompleteWellFormedReport() throws Exception
    {
        final Path root = Path.of("target", "smoke-reports");
        final ByteArrayOutputStream printed = new ByteArrayOutputStream();
        final BenchMain.Outcome outcome;
        try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8))
        {
            outcome = BenchMain.run(BenchOptions.parse("mode=smoke", "out=" + root), out);
        }
        final String console = printed.toString(StandardCharsets.UTF_8);
        final Path folder = outcome.folder();
        final String csv = Files.readString(folder.resolve("results.csv"));
        assertEquals(0, outcome.failures(), () -> "subjects failed:\n" + csv);

        final int steps = expectedSteps();
        final List<String> rows = csv.lines().toList();
        assertEquals(steps + 1, rows.size(), "one CSV row per measurement plus the header");
        final int columns = cells(rows.get(0)).size();
        for (final String row : rows.subList(1, rows.size()))
        {
            assertEquals(columns, cells(row).size(), () -> "CSV row has the header's columns: " + row);
            assertTrue(row.contains(",ok,"), () -> "measured: " + row);
        }

        final String summary = Files.readString(folder.resolve("summary.md"));
        assertTrue(summary.contains("## Goals"), "the summary has the goal checks");
        for (final Scenario scenario : ScenarioRegistry.all())
        {
            assertTrue(summary.contains("## " + scenario.id() + "\n"), () -> "the summary has " + scenario.id());
        }
        assertTrue(summary.contains("Ringbus ÷ peer"), "the summary has ratio tables");
        if (ScenarioRegistry.all().stream().anyMatch(s -> !s.notYetMeasured().isEmpty()))
        {
            assertTrue(summary.contains("not yet measured (needs"), "pending scenarios say what they need");
        }
        assertTrue(summary.contains("none early"), "the delay scenario checks that nothing was early");
        assertTrue(console.contains("[" + steps + "/" + steps), "progress is printed for every measurement");
        assertTrue(console.contains("## Goals"), "the summary is printed");
        assertTrue(console.indexOf("garbage collector: ") < console.indexOf("[ 1/"),
            "the collector and JVM are named before the first measurement");
        assertTrue(summary.contains("garbage collector: "), "and in the summary");
        assertTrue(summary.contains("| goal | this run | min | median | max | status |"), "goals show their spread");

        JsonCheck.validate(Files.readString(folder.resolve("results.json")));

        try (Stream<Path> files = Files.list(folder.resolve("hgrm")))
        {
            final List<Path> hgrm = files.toList();
            // Latency rows are those with a p50 (column 8); throughput rows leave it empty.
            final int p50 = cells(rows.get(0)).indexOf("p50_ns");
            final long latencyRows = rows.subList(1, rows.size()).stream()
                .filter(r -> !cells(r).get(p50).isEmpty())
                .count();
            assertEquals(latencyRows, hgrm.size(), "one .hgrm per latency result");
            for (final Path file : hgrm)
            {
                final String text = Files.readString(file);
                assertTrue(text.contains("Value     Percentile TotalCount 1/(1-Percentile)"), () -> "hgrm header: " + file);
                assertTrue(text.contains("#[Mean"), () -> "hgrm footer: " + file);
            }
        }
        for (final String png : List.of("rtt-inproc.png", "oneway-inproc.png", "delay.png", "rtt-ipc.png"))
        {
            final BufferedImage image = ImageIO.read(folder.resolve(png).toFile());
            assertNotNull(image, png + " is a readable image");
            assertEquals(1280, image.getWidth(), png);
        }
        assertTrue(Files.isRegularFile(folder.resolveSibling("latest").resolve("summary.md")), "latest/ is a copy");
        assertTrue(Files.notExists(folder.resolve("journal-scratch")), "the journal's scratch folder is deleted");
        assertTrue(ProcessHandle.current().children().noneMatch(ProcessHandle::isAlive), "no IPC child process is left");
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void repeatedPassesInterleaveSubjectsAndReportTheSpread() throws Exception
    {
        final Path root = Path.of("target", "smoke-reports-repeat");
        final ByteArrayOutputStream printed = new ByteArrayOutputStream();
        final BenchMain.Outcome outcome;
        try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8))
        {
            outcome = BenchMain.run(BenchOptions.parse("mode=smoke", "repeat=2", "scenarios=rtt-inproc,tput-1p1c",
                "subjects=ringbus-topic/yielding,disruptor/yielding,ringbus-topic/busy-spin,disruptor/busy-spin",
                "out=" + root), out);
        }
        final String console = printed.toString(StandardCharsets.UTF_8);
        final List<String> progress = console.lines().filter(l -> l.startsWith("[")).toList();
        // rtt-inproc: 4 subjects x 2 passes, then tput-1p1c: 2 x 2, each pass running every subject once (A B A B).
        assertEquals(12, progress.size(), console);
        assertTrue(progress.get(0).contains("rtt-inproc    1/2 ringbus-topic/busy-spin"), progress.get(0));
        assertTrue(progress.get(4).contains("rtt-inproc    2/2 ringbus-topic/busy-spin"), progress.get(4));
        assertTrue(progress.get(9).contains("tput-1p1c     1/2 disruptor/busy-spin"), progress.get(9));
        assertTrue(progress.get(10).contains("tput-1p1c     2/2 ringbus-topic/busy-spin"), progress.get(10));

        final Path folder = outcome.folder();
        final List<String> rows = Files.readAllLines(folder.resolve("results.csv"));
        final int pass = cells(rows.get(0)).indexOf("pass");
        assertEquals(6, rows.stream().skip(1).filter(r -> cells(r).get(pass).equals("1")).count());
        assertEquals(6, rows.stream().skip(1).filter(r -> cells(r).get(pass).equals("2")).count());
        final String summary = Files.readString(folder.resolve("summary.md"));
        assertTrue(summary.contains("2 interleaved passes"), "the summary says how many passes");
        assertTrue(summary.contains("| subject | idle | pass |"), "result tables have a pass column");
        assertTrue(summary.contains("median (min–max)"), "ratio tables show the spread");
        assertTrue(Files.exists(folder.resolve("hgrm").resolve("rtt-inproc_disruptor-busy-spin_pass2.hgrm")));
        assertTrue(Files.exists(folder.resolve("jmh").resolve("tput-1p1c_disruptor-busy-spin_pass2.txt")));
        JsonCheck.validate(Files.readString(folder.resolve("results.json")));
    }

    /** The cells of a CSV row: commas inside double quotes do not split, doubled quotes are one quote. */
    private static List<String> cells(final String row)
    {
        final List<String> cells = new ArrayList<>();
        final StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < row.length(); i++)
        {
            final char c = row.charAt(i);
            if (c == '"')
            {
                if (quoted && i + 1 < row.length() && row.charAt(i + 1) == '"')
                {
                    cell.append('"');
                    i++;
                }
                else
                {
                    quoted = !quoted;
                }
            }
            else if (c == ',' && !quoted)
            {
                cells.add(cell.toString());
                cell.setLength(0);
            }
            else
            {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    private static int expectedSteps()
    {
        int steps = 0;
        for (final Scenario scenario : ScenarioRegistry.all())
        {
            if (scenario.notYetMeasured().isEmpty())
            {
                for (final SubjectRegistry.Entry entry : SubjectRegistry.entries())
                {
                    steps += entry.scenarios().contains(scenario.id()) ? 1 : 0;
                }
            }
        }
        return steps;
    }
}
