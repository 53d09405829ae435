package io.ringbus.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A report folder appears whole or not at all: written aside, moved into place at the end, {@code latest} replaced
 * by a copy; a run that fails or is interrupted leaves nothing in the report root.
 */
class ReportFolderTest
{
    @TempDir
    Path root;

    @Test
    void aReportAppearsOnlyWhenPublished() throws Exception
    {
        final ReportFolder folder = ReportFolder.create(root, "20240101-000000");
        Files.writeString(folder.writing().resolve("summary.md"), "one");
        assertEquals(List.of(), visible(), "nothing but a hidden partial folder while the run writes");
        assertTrue(folder.writing().getFileName().toString().startsWith("."), folder.writing().toString());

        final Path published = folder.publish();
        assertEquals(root.resolve("20240101-000000"), published);
        assertEquals("one", Files.readString(published.resolve("summary.md")));
        assertEquals("one", Files.readString(root.resolve("latest").resolve("summary.md")));
        assertEquals(List.of("20240101-000000", "latest"), all(), "no partial folder is left");
    }

    @Test
    void latestIsReplacedWholeByTheNextReport() throws Exception
    {
        final ReportFolder first = ReportFolder.create(root, "a");
        Files.writeString(first.writing().resolve("only-in-first.txt"), "1");
        first.publish();
        final ReportFolder second = ReportFolder.create(root, "a");
        Files.writeString(second.writing().resolve("summary.md"), "2");
        assertEquals(root.resolve("a-2"), second.publish(), "a second report of the same name gets a suffix");
        assertTrue(Files.notExists(root.resolve("latest").resolve("only-in-first.txt")), "the old copy is gone");
        assertEquals("2", Files.readString(root.resolve("latest").resolve("summary.md")));
        assertEquals(List.of("a", "a-2", "latest"), all());
    }

    @Test
    void aDiscardedReportLeavesNothing() throws Exception
    {
        final ReportFolder folder = ReportFolder.create(root, "b");
        Files.createDirectories(folder.writing().resolve("jmh"));
        Files.writeString(folder.writing().resolve("jmh").resolve("log.txt"), "half");
        folder.discard();
        assertEquals(List.of(), all());
        assertThrows(IllegalStateException.class, folder::publish);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void anInterruptedRunLeavesNoReportFolder() throws Exception
    {
        final Path reports = root.resolve("reports");
        // The terminal goes away after the first measurement: the run stops there, as on Ctrl-C or a failure.
        final PrintStream dying = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)
        {
            @Override
            public void println(final String line)
            {
                if (line.contains("p50"))
                {
                    throw new IllegalStateException("interrupted");
                }
                super.println(line);
            }
        };
        final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> BenchMain.run(
            BenchOptions.parse("mode=smoke", "scenarios=rtt-inproc", "subjects=floor", "out=" + reports), dying));
        assertEquals("interrupted", ex.getMessage());
        try (Stream<Path> left = Files.list(reports))
        {
            assertEquals(List.of(), left.toList(), "no report folder, partial or not");
        }
    }

    private List<String> all() throws Exception
    {
        try (Stream<Path> files = Files.list(root))
        {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private List<String> visible() throws Exception
    {
        return all().stream().filter(name -> !name.startsWith(".")).toList();
    }
}
