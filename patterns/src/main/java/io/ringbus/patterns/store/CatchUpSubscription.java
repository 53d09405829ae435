package io.ringbus.patterns.store;

import io.ringbus.api.Handler;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One {@code subscribeAll}: a thread that reads the store by position in batches and waits when it has seen
 * everything acknowledged. Catching up and going live are the same loop, so there is no switch-over at which an
 * event could be missed or delivered twice: the next position to deliver is the only state.
 * <p>
 * <b>Note:</b> thread-safe; the handler runs on this subscription's thread only.
 */
final class CatchUpSubscription<E> implements StoreSubscription, Runnable
{
    private static final int BATCH = 512;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final AbstractEventStore<E> store;
    private final Handler<? super RecordedEvent<E>> handler;
    private final Thread thread;
    private volatile long position;
    private volatile boolean running = true;
    private volatile Throwable failure;

    CatchUpSubscription(
        final AbstractEventStore<E> store, final long fromPosition, final Handler<? super RecordedEvent<E>> handler)
    {
        this.store = store;
        this.handler = handler;
        this.position = fromPosition - 1;
        this.thread = new Thread(this, "ringbus-store-subscription-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
    }

    void start()
    {
        thread.start();
    }

    @Override
    public void run()
    {
        try
        {
            while (running && !store.isClosed())
            {
                final List<RecordedEvent<E>> batch = store.readAll(position + 1, BATCH);
                if (batch.isEmpty())
                {
                    store.awaitBeyond(position);
                    continue;
                }
                for (final RecordedEvent<E> event : batch)
                {
                    if (!running)
                    {
                        return;
                    }
                    handler.onEvent(event);
                    position = event.position();
                }
            }
        }
        catch (final InterruptedException ex)
        {
            // close() interrupts a waiting subscriber: nothing to report.
            Thread.currentThread().interrupt();
        }
        catch (final IllegalStateException ex)
        {
            if (!store.isClosed())
            {
                fail(ex);
            }
        }
        catch (final Throwable ex)
        {
            fail(ex);
        }
        finally
        {
            running = false;
            store.removed(this);
        }
    }

    private void fail(final Throwable ex)
    {
        failure = ex;
        System.err.println(
            "ringbus: event store subscription stopped after position " + position + ": " + ex);
    }

    @Override
    public long position()
    {
        return position;
    }

    @Override
    public boolean isRunning()
    {
        return running;
    }

    @Override
    public Throwable failure()
    {
        return failure;
    }

    @Override
    public void close()
    {
        running = false;
        if (Thread.currentThread() == thread)
        {
            return;
        }
        store.wakeAll();
        try
        {
            thread.join(10_000);
            if (thread.isAlive())
            {
                thread.interrupt();
                thread.join(10_000);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
