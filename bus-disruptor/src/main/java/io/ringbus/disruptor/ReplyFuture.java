package io.ringbus.disruptor;

import io.ringbus.api.ReplyCallback;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The future {@code request(...)} returns, and the callback that completes it: one object per request instead
 * of a future and a lambda. A caller that waits on it ({@link #get()}, {@link #get(long, TimeUnit)},
 * {@link #join()}) first spins briefly, then yields, and parks only after that: a reply from a responder on a
 * busy dispatcher comes within microseconds, much less than a park and unpark cost on many machines, and the
 * responder's thread then completes the future without having to unpark anyone.
 * <p>
 * <b>Note:</b> thread-safe, as {@link CompletableFuture}.
 *
 * @param <R> type of the reply.
 */
final class ReplyFuture<R> extends CompletableFuture<R> implements ReplyCallback<R>
{
    /** How long a waiter spins on the result before it yields. */
    static final long SPIN_NANOS = 10_000;
    /** How long it waits in all (spin, then yield) before it parks. */
    static final long YIELD_NANOS = 50_000;

    @Override
    public void onReply(final R reply, final Throwable failure)
    {
        if (failure != null)
        {
            completeExceptionally(failure);
        }
        else
        {
            complete(reply);
        }
    }

    @Override
    public R get() throws InterruptedException, ExecutionException
    {
        awaitBriefly(YIELD_NANOS);
        return super.get();
    }

    @Override
    public R get(final long timeout, final TimeUnit unit)
        throws InterruptedException, ExecutionException, TimeoutException
    {
        final long start = System.nanoTime();
        final long timeoutNanos = unit.toNanos(timeout);
        awaitBriefly(Math.min(YIELD_NANOS, timeoutNanos));
        return super.get(Math.max(0, timeoutNanos - (System.nanoTime() - start)), TimeUnit.NANOSECONDS);
    }

    @Override
    public R join()
    {
        awaitBriefly(YIELD_NANOS);
        return super.join();
    }

    /**
     * Spin, then yield, until done or the time is up; what follows parks if need be.
     */
    private void awaitBriefly(final long maxNanos)
    {
        if (isDone() || maxNanos <= 0)
        {
            return;
        }
        final long start = System.nanoTime();
        for (int i = 1; !isDone(); i++)
        {
            // The clock is read once every few rounds: on some machines a read costs as much as a round.
            if ((i & 0x3F) == 0)
            {
                final long waited = System.nanoTime() - start;
                if (waited >= maxNanos || Thread.currentThread().isInterrupted())
                {
                    return;
                }
                if (waited >= SPIN_NANOS)
                {
                    Thread.yield();
                    continue;
                }
            }
            Thread.onSpinWait();
        }
    }
}
