package io.ringbus.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code journal}: the durable event store of the patterns module on this machine's disk: appends per second of
 * 100-byte events under each fsync policy, and replay (read-back) events per second of a journal of
 * {@link #replayEvents(Mode)} events. Each subject writes in a scratch folder inside the report folder (so on
 * the same disk as the report; a temporary folder may be a RAM disk, where fsync costs nothing), deleted
 * afterwards.
 * <p>
 * <b>Note:</b> run by the bench's main thread only.
 */
final class JournalScenario implements Scenario
{
    static final String ID = ScenarioRegistry.JOURNAL;

    @Override
    public String id()
    {
        return ID;
    }

    @Override
    public boolean hasPeers()
    {
        return false;
    }

    @Override
    public String what()
    {
        return "durable journal (patterns' JournalEventStore), 100-byte events on this machine's disk: appends/s per " +
            "fsync policy (the idle column names the policy), and replay events/s (read back, decoded) of a journal " +
            "of 1M events in full mode (200k quick, 20k smoke); the msg/s column is events/s, higher is better";
    }

    static int replayEvents(final Mode mode)
    {
        return switch (mode)
        {
            case SMOKE -> 20_000;
            case QUICK -> 200_000;
            case FULL -> 1_000_000;
        };
    }

    @Override
    public Result measure(final Run run, final Subject subject) throws Exception
    {
        if (!(subject instanceof JournalSubject journal))
        {
            throw new UnsupportedOperationException(subject.id() + " is not a journal subject");
        }
        final Path scratch = Files.createDirectories(run.folder().resolve("journal-scratch"))
            .resolve(BenchMain.fileName(subject.id()));
        try
        {
            final JournalSubject.Rate rate =
                journal.measure(scratch, run.options().durationSeconds(), replayEvents(run.options().mode()));
            return new Result.Throughput(ID, subject.id(), subject.idle(), subject.ringbus(), rate.perSecond(),
                Double.NaN, Double.NaN, rate.note());
        }
        finally
        {
            delete(scratch.getParent());
        }
    }

    private static void delete(final Path root) throws IOException
    {
        if (!Files.exists(root))
        {
            return;
        }
        try (Stream<Path> files = Files.walk(root))
        {
            final List<Path> all = files.sorted(Comparator.reverseOrder()).toList();
            for (final Path file : all)
            {
                Files.delete(file);
            }
        }
    }
}
