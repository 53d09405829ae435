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

        JsonCheck.validate(Files.readString(folder.resolve("results.json")));

        try (Stream<Path> files = Files.list(folder.resolve("hgrm")))
        {
            final List<Path> hgrm = files.toList();
            // Latency rows are those with a p50 (column 7); throughput rows leave it empty.
            final long latencyRows = rows.subList(1, rows.size()).stream()
                .filter(r -> !cells(r).get(6).isEmpty())
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
