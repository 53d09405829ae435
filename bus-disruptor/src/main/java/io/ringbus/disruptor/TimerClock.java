package io.ringbus.disruptor;

import java.time.Instant;

/**
 * The time the bus's timer runs on: a monotonic count of nanoseconds for deadlines, and the wall clock to turn
 * {@code Queue.sendAt(message, instant)} into a deadline. Tests give the builder a {@link ManualClock} to move
 * time by hand.
 * <p>
 * <b>Note:</b> implementations must be thread-safe: senders and the timer thread read them at once.
 */
public interface TimerClock
{
    /**
     * A monotonic time for deadlines, as {@link System#nanoTime()}.
     *
     * @return nanoseconds from an arbitrary origin.
     */
    long nanoTime();

    /**
     * The wall clock.
     *
     * @return now.
     */
    Instant instant();

    /**
     * The system's clocks: {@link System#nanoTime()} and {@link Instant#now()}.
     *
     * @return the system clock.
     */
    static TimerClock system()
    {
        return SystemClock.INSTANCE;
    }

    /**
     * The system clock as a named type, for a readable {@code toString()}.
     */
    final class SystemClock implements TimerClock
    {
        static final SystemClock INSTANCE = new SystemClock();

        private SystemClock()
        {
        }

        @Override
        public long nanoTime()
        {
            return System.nanoTime();
        }

        @Override
        public Instant instant()
        {
            return Instant.now();
        }

        @Override
        public String toString()
        {
            return "system";
        }
    }
}
