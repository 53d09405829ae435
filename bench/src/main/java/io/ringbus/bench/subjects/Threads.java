package io.ringbus.bench.subjects;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Named daemon threads and executors for the peers, and their orderly stop: a subject never leaves a thread
 * running after its session closes (daemon threads are only the last resort of a failed stop).
 * <p>
 * <b>Note:</b> used by one harness thread per session.
 */
final class Threads
{
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final long STOP_TIMEOUT_MS = 5_000;

    private Threads()
    {
    }

    static ThreadFactory factory(final String prefix)
    {
        return runnable ->
        {
            final Thread thread = new Thread(runnable, "bench-" + prefix + "-" + COUNTER.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    static ExecutorService singleThread(final String prefix)
    {
        return Executors.newSingleThreadExecutor(factory(prefix));
    }

    static ExecutorService pool(final String prefix, final int threads)
    {
        return Executors.newFixedThreadPool(threads, factory(prefix));
    }

    static void stop(final ExecutorService executor) throws InterruptedException
    {
        executor.shutdownNow();
        if (!executor.awaitTermination(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS))
        {
            throw new IllegalStateException("executor did not stop within " + STOP_TIMEOUT_MS + " ms");
        }
    }

    static void join(final List<Thread> threads) throws InterruptedException
    {
        final List<String> stuck = new ArrayList<>();
        for (final Thread thread : threads)
        {
            thread.join(STOP_TIMEOUT_MS);
            if (thread.isAlive())
            {
                stuck.add(thread.getName());
            }
        }
        if (!stuck.isEmpty())
        {
            throw new IllegalStateException("threads did not stop within " + STOP_TIMEOUT_MS + " ms: " + stuck);
        }
    }
}
