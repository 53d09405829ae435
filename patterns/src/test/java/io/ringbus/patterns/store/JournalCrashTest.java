package io.ringbus.patterns.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RELIABILITY.md 14: a child JVM appending in a loop is killed with {@code kill -9} (SIGKILL, which is what
 * {@link Process#destroyForcibly()} sends on Linux) many times, under each sync policy in turn. After each kill,
 * every acknowledged event is there and intact, a torn tail (if the kill left one) is cut and kept aside, and the
 * next child appends on.
 */
class JournalCrashTest
{
    private static final int ROUNDS = 18;
    private static final FsyncPolicy[] POLICIES = FsyncPolicy.values();

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedAppendSurvivesKillMinus9() throws Exception
    {
        final Map<Long, String> acknowledged = new ConcurrentHashMap<>();
        final Random random = new Random(42);
        long torn = 0;
        int tornRounds = 0;
        for (int round = 0; round < ROUNDS; round++)
        {
            final FsyncPolicy policy = POLICIES[round % POLICIES.length];
            final int wanted = 50 + random.nextInt(400);
            final int acked = runAndKill(policy, round, wanted, acknowledged);
            assertTrue(acked > 0, "round " + round + " acknowledged nothing");

            try (JournalEventStore<Note> store = JournalEventStore.builder(dir, Note.CODEC)
                .segmentSize(64 << 10).open())
            {
                torn += store.tornBytes();
                tornRounds += store.tornFiles().size();
                for (final Path aside : store.tornFiles())
                {
                    assertTrue(java.nio.file.Files.size(aside) > 0, "kept-aside tail " + aside + " is empty");
                }
                final List<RecordedEvent<Note>> all = store.readAll(0);
                for (final Map.Entry<Long, String> ack : acknowledged.entrySet())
                {
                    assertTrue(ack.getKey() < all.size(),
                        "round " + round + " (" + policy + "): acknowledged position " + ack.getKey() + " lost, " +
                        all.size() + " events recovered");
                    assertEquals(ack.getValue(), all.get((int)(long)ack.getKey()).event().text(),
                        "round " + round + ": position " + ack.getKey());
                }
                for (int p = 0; p < all.size(); p++)
                {
                    assertEquals(p, all.get(p).position());
                }
            }
        }
        System.out.println("JournalCrashTest: " + ROUNDS + " kills, " + acknowledged.size() +
            " acknowledged events all recovered, " + tornRounds + " torn tails (" + torn + " bytes) cut and kept aside");

        try (JournalEventStore<Note> store = JournalEventStore.open(dir, Note.CODEC))
        {
            final long before = store.lastPosition();
            store.append("after", ExpectedVersion.NO_STREAM, List.of(EventData.of(new Note("last", 0))));
            assertEquals(before + 1, store.lastPosition());
        }
    }

    /**
     * Start a child, let it acknowledge about {@code wanted} events, kill it; returns how many it acknowledged.
     */
    private int runAndKill(
        final FsyncPolicy policy, final int round, final int wanted, final Map<Long, String> acknowledged)
        throws IOException, InterruptedException
    {
        final Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        final ProcessBuilder builder = new ProcessBuilder(
            java.toString(),
            "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
            "-Xmx64m",
            "-XX:TieredStopAtLevel=1",
            "-cp", System.getProperty("java.class.path"),
            JournalCrashChild.class.getName(),
            dir.toString(), policy.name(), "3", "r" + round, round % 2 == 0 ? "chunked" : "whole");
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        final Process child = builder.start();
        final AtomicInteger count = new AtomicInteger();
        final List<String> opened = new ArrayList<>();
        try
        {
            final BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            String line;
            while (count.get() < wanted && System.nanoTime() < deadline && (line = out.readLine()) != null)
            {
                // A line the kill cut short has no END: the append it reports may not have been acknowledged.
                if (!line.endsWith(" END"))
                {
                    continue;
                }
                final String[] parts = line.split(" ");
                if ("OPEN".equals(parts[0]))
                {
                    opened.add(line);
                }
                else if ("ACK".equals(parts[0]))
                {
                    final String previous = acknowledged.put(Long.parseLong(parts[1]), parts[2]);
                    assertTrue(null == previous, "position " + parts[1] + " acknowledged twice");
                    count.incrementAndGet();
                }
            }
        }
        finally
        {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child did not die");
        }
        assertNotNull(opened.isEmpty() ? null : opened.get(0), "the child never opened the journal");
        return count.get();
    }
}
