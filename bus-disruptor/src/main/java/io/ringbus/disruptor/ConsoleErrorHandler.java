package io.ringbus.disruptor;

import io.ringbus.api.ErrorHandler;

import java.io.PrintStream;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default {@link ErrorHandler}: one line per failure on a print stream (standard error by default), naming
 * the destination, the handler (an annotated listener's class and method, or where a lambda was written), the
 * event's class and the exception's class and message. Stack traces only when asked for
 * ({@code -Dringbus.errorStackTraces=true}). Repeats are rate-limited: per destination and exception class, at
 * most one line a second, the next line saying how many were not shown.
 * <p>
 * <b>Note:</b> thread-safe; never throws.
 *
 * <pre>
 * ringbus: 'payments': io.acme.Billing#charge(io.acme.Payment) failed on a Payment: java.lang.IllegalStateException: card declined
 * </pre>
 */
public final class ConsoleErrorHandler implements ErrorHandler
{
    private static final long WINDOW_NANOS = 1_000_000_000L;
    /** Bounds the rate limiter's memory when failures come from very many destinations. */
    private static final int MAX_KEYS = 4096;

    private final PrintStream out;
    private final boolean stackTraces;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    /** What was printed lately for one destination and exception class. */
    private static final class Window
    {
        long printedAt;
        boolean printed;
        long suppressed;
    }

    /**
     * @param out         where to print.
     * @param stackTraces whether to print each printed failure's stack trace too.
     */
    public ConsoleErrorHandler(final PrintStream out, final boolean stackTraces)
    {
        this.out = Objects.requireNonNull(out, "out");
        this.stackTraces = stackTraces;
    }

    @Override
    public void onError(final Throwable cause, final String destination, final Object event, final Object handler)
    {
        final long suppressed = admit(destination + '\0' + (cause == null ? "" : cause.getClass().getName()));
        if (suppressed < 0)
        {
            return;
        }
        final StringBuilder line = new StringBuilder(160)
            .append("ringbus: '").append(destination).append("': ").append(HandlerNames.describe(handler))
            .append(" failed");
        if (event != null)
        {
            line.append(" on a ").append(event.getClass().getSimpleName());
        }
        line.append(": ").append(cause);
        if (suppressed > 0)
        {
            line.append(" (and ").append(suppressed).append(" more like it in the last second, not shown)");
        }
        out.println(line);
        if (stackTraces && cause != null)
        {
            cause.printStackTrace(out);
        }
    }

    /**
     * @return -1 if this failure is not to be printed, else how many like it were not printed before it.
     */
    private long admit(final String key)
    {
        if (windows.size() > MAX_KEYS)
        {
            windows.clear();
        }
        final Window w = windows.computeIfAbsent(key, k -> new Window());
        final long now = System.nanoTime();
        synchronized (w)
        {
            if (w.printed && now - w.printedAt < WINDOW_NANOS)
            {
                w.suppressed++;
                return -1;
            }
            final long suppressed = w.suppressed;
            w.printed = true;
            w.printedAt = now;
            w.suppressed = 0;
            return suppressed;
        }
    }
}
