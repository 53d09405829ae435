package io.ringbus.disruptor;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The future of {@code request(...)}: it is its own callback, and its waits spin, yield, then park; what they
 * return or throw is a {@link java.util.concurrent.CompletableFuture}'s.
 */
class ReplyFutureTest
{
    @Test
    void aReplyOrAFailureCompletesIt() throws Exception
    {
        final ReplyFuture<String> ok = new ReplyFuture<>();
        ok.onReply("r", null);
        assertEquals("r", ok.get());
        final ReplyFuture<String> failed = new ReplyFuture<>();
        final IllegalStateException cause = new IllegalStateException("no");
        failed.onReply(null, cause);
        assertSame(cause, assertThrows(ExecutionException.class, failed::get).getCause());
        assertSame(cause, assertThrows(CompletionException.class, failed::join).getCause());
    }

    /** A reply that comes after the spin and yield window must still wake a parked waiter. */
    @Test
    void aLateReplyWakesAParkedWaiter() throws Exception
    {
        for (final Waiter waiter : new Waiter[] {f -> f.get(), f -> f.get(30, TimeUnit.SECONDS), f -> f.join()})
        {
            final ReplyFuture<String> future = new ReplyFuture<>();
            final Thread replier = new Thread(() ->
            {
                try
                {
                    Thread.sleep(TimeUnit.NANOSECONDS.toMillis(ReplyFuture.YIELD_NANOS) + 20);
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
                future.onReply("late", null);
            });
            replier.start();
            try
            {
                assertEquals("late", waiter.await(future));
            }
            finally
            {
                replier.join(30_000);
            }
        }
    }

    @Test
    void aTimedWaitEndsWithATimeoutAndAnInterruptedOneAtOnce()
    {
        final ReplyFuture<String> never = new ReplyFuture<>();
        assertThrows(TimeoutException.class, () -> never.get(5, TimeUnit.MILLISECONDS));
        assertThrows(TimeoutException.class, () -> never.get(0, TimeUnit.NANOSECONDS));
        Thread.currentThread().interrupt();
        try
        {
            assertThrows(InterruptedException.class, never::get);
        }
        finally
        {
            Thread.interrupted();
        }
        assertTrue(!never.isDone());
    }

    @FunctionalInterface
    private interface Waiter
    {
        String await(ReplyFuture<String> future) throws Exception;
    }

    @Test
    void dependentStagesSeeTheReply() throws Exception
    {
        final ReplyFuture<String> future = new ReplyFuture<>();
        final var length = future.thenApply(String::length);
        future.onReply("four", null);
        assertEquals(4, length.get(30, TimeUnit.SECONDS));
        assertInstanceOf(Integer.class, length.join());
    }
}
