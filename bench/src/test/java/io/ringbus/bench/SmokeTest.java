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
        final int columns = rows.get(0).split(",", -1).length;
        for (final String row : rows.subList(1, rows.size()))
        {
            assertEquals(columns, row.split(",", -1).length, () -> "CSV row has the header's columns: " + row);
            assertTrue(row.contains(",ok,"), () -> "measured: " + row);
        }

        final String summary = Files.readString(folder.resolve("summary.md"));
        assertTrue(summary.contains("## Goals"), "the summary has the goal checks");
        for (final Scenario scenario : ScenarioRegistry.all())
        {
            assertTrue(summary.contains("## " + scenario.id() + "\n"), () -> "the summary has " + scenario.id());
        }
        assertTrue(summary.contains("Ringbus ÷ peer"), "the summary has ratio tables");
        assertTrue(summary.contains("not yet measured (needs"), "pending scenarios say what they need");
        assertTrue(console.contains("[" + steps + "/" + steps), "progress is printed for every measurement");
        assertTrue(console.contains("## Goals"), "the summary is printed");

        JsonCheck.validate(Files.readString(folder.resolve("results.json")));

        try (Stream<Path> files = Files.list(folder.resolve("hgrm")))
        {
            final List<Path> hgrm = files.toList();
            assertEquals(csv.lines().filter(l -> l.contains("inproc,")).count(), hgrm.size(), "one .hgrm per latency result");
            for (final Path file : hgrm)
            {
                final String text = Files.readString(file);
                assertTrue(text.contains("Value     Percentile TotalCount 1/(1-Percentile)"), () -> "hgrm header: " + file);
                assertTrue(text.contains("#[Mean"), () -> "hgrm footer: " + file);
            }
        }
        for (final String png : List.of("rtt-inproc.png", "oneway-inproc.png"))
        {
            final BufferedImage image = ImageIO.read(folder.resolve(png).toFile());
            assertNotNull(image, png + " is a readable image");
            assertEquals(1280, image.getWidth(), png);
        }
        assertTrue(Files.isRegularFile(folder.resolveSibling("latest").resolve("summary.md")), "latest/ is a copy");
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
