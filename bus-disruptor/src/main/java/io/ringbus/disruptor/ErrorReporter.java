package io.ringbus.disruptor;

import io.ringbus.api.ErrorHandler;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands handler failures to the user's {@link ErrorHandler}, and never lets that handler's own failure escape
 * into a dispatcher: it is counted and printed instead.
 * <p>
 * <b>Note:</b> thread-safe.
 */
final class ErrorReporter
{
    private final ErrorHandler errorHandler;
    private final AtomicLong errorHandlerFailures = new AtomicLong();

    ErrorReporter(final ErrorHandler errorHandler)
    {
        this.errorHandler = errorHandler;
    }

    void handlerFailed(final Throwable cause, final String destination, final Object event, final Object handler)
    {
        try
        {
            errorHandler.onError(cause, destination, event, handler);
        }
        catch (final Throwable ex)
        {
            errorHandlerFailures.incrementAndGet();
            System.err.println("ringbus: the error handler threw while reporting a failure on '" + destination + "'");
            ex.printStackTrace();
        }
    }

    /**
     * Something the bus itself must tell: undelivered events at close, a handler that would not stop.
     */
    void report(final String message)
    {
        System.err.println("ringbus: " + message);
    }

    long errorHandlerFailures()
    {
        return errorHandlerFailures.get();
    }
}
