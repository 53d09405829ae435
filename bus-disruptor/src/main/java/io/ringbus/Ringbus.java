package io.ringbus;

import io.ringbus.api.BackpressurePolicy;
import io.ringbus.api.Bus;
import io.ringbus.api.ErrorHandler;
import io.ringbus.api.IdleStrategyKind;
import io.ringbus.disruptor.BusConfig;
import io.ringbus.disruptor.ConsoleErrorHandler;
import io.ringbus.disruptor.DisruptorBus;
import io.ringbus.disruptor.TimerClock;
import io.ringbus.support.SystemProperties;

import java.time.Duration;
import java.util.Objects;

/**
 * The entry point: builds an in-process bus on LMAX Disruptor rings.
 *
 * <pre>{@code
 * try (Bus bus = Ringbus.create()) { ... }
 *
 * Bus fast = Ringbus.builder()
 *     .idle(IdleStrategyKind.BUSY_SPIN)
 *     .ringSize(1 << 16)
 *     .build();
 * }</pre>
 * Every setting can also be given as a system property, read when {@link #builder()} is called: see the
 * {@code *_PROP_NAME} constants. A builder method overrides its property.
 * <p>
 * <b>Note:</b> the static methods are thread-safe; each builder is for one thread.
 */
public final class Ringbus
{
    /** System property for {@link Builder#ringSize(int)}. */
    public static final String RING_SIZE_PROP_NAME = "ringbus.ringSize";
    /** Events each destination's ring holds unless told otherwise. */
    public static final int RING_SIZE_DEFAULT = 1024;

    /** System property for {@link Builder#idle(IdleStrategyKind)}: {@code BUSY_SPIN}, {@code YIELDING} or {@code BACKOFF}. */
    public static final String IDLE_PROP_NAME = "ringbus.idle";
    /** Spin, yield, then park until woken: no core burnt while idle. */
    public static final IdleStrategyKind IDLE_DEFAULT = IdleStrategyKind.BACKOFF;

    /** System property for {@link Builder#dispatcherThreads(int)}. */
    public static final String DISPATCHER_THREADS_PROP_NAME = "ringbus.dispatcherThreads";
    /** Shared dispatcher threads unless told otherwise: two, so that competing consumers run in parallel. */
    public static final int DISPATCHER_THREADS_DEFAULT = 2;

    /** System property for {@link Builder#backpressure(BackpressurePolicy)}: {@code WAIT} or {@code FAIL}. */
    public static final String BACKPRESSURE_PROP_NAME = "ringbus.backpressure";
    /** Publishers wait for space. */
    public static final BackpressurePolicy BACKPRESSURE_DEFAULT = BackpressurePolicy.WAIT;

    /** System property for {@link Builder#closeTimeout(Duration)}, in milliseconds. */
    public static final String CLOSE_TIMEOUT_PROP_NAME = "ringbus.closeTimeoutMs";
    /** How long close waits for accepted events to be handled unless told otherwise. */
    public static final Duration CLOSE_TIMEOUT_DEFAULT = Duration.ofSeconds(10);

    /** System property for {@link Builder#timerTick(Duration)}, in microseconds. */
    public static final String TIMER_TICK_PROP_NAME = "ringbus.timerTickMicros";
    /**
     * The timer's tick unless told otherwise: 1 ms, run as 2^20 ns (1.048576 ms) since the tick is rounded up to a
     * power of two nanoseconds.
     */
    public static final Duration TIMER_TICK_DEFAULT = Duration.ofMillis(1);

    /**
     * System property: {@code true} makes the default error handler print each reported failure's stack trace
     * (a debug level); by default it prints one line per failure.
     */
    public static final String ERROR_STACK_TRACES_PROP_NAME = "ringbus.errorStackTraces";

    /** System property for {@link Builder#checkSingleWriter(boolean)}: {@code true} or {@code false}. */
    public static final String CHECK_SINGLE_WRITER_PROP_NAME = "ringbus.checkSingleWriter";
    /** Single-writer topics trust their writer: no check per publish. */
    public static final boolean CHECK_SINGLE_WRITER_DEFAULT = false;

    private Ringbus()
    {
    }

    /**
     * A bus with the defaults (and any {@code ringbus.*} system properties).
     *
     * @return a running bus; close it when done.
     */
    public static Bus create()
    {
        return builder().build();
    }

    /**
     * A builder starting from the defaults and the {@code ringbus.*} system properties.
     *
     * @return a new builder.
     */
    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * Settings of one bus, validated once at {@link #build()}; a malformed {@code ringbus.*} system property is
     * refused when the builder is made, naming the property.
     * <p>
     * <b>Note:</b> not thread-safe; use from one thread.
     */
    public static final class Builder
    {
        private int ringSize = SystemProperties.intValue(RING_SIZE_PROP_NAME, RING_SIZE_DEFAULT);
        private IdleStrategyKind idle =
            SystemProperties.enumValue(IDLE_PROP_NAME, IdleStrategyKind.class, IDLE_DEFAULT);
        private int dispatcherThreads =
            SystemProperties.intValue(DISPATCHER_THREADS_PROP_NAME, DISPATCHER_THREADS_DEFAULT);
        private BackpressurePolicy backpressure =
            SystemProperties.enumValue(BACKPRESSURE_PROP_NAME, BackpressurePolicy.class, BACKPRESSURE_DEFAULT);
        private Duration closeTimeout =
            Duration.ofMillis(SystemProperties.longValue(CLOSE_TIMEOUT_PROP_NAME, CLOSE_TIMEOUT_DEFAULT.toMillis()));
        private ErrorHandler errorHandler =
            new ConsoleErrorHandler(System.err, SystemProperties.booleanValue(ERROR_STACK_TRACES_PROP_NAME, false));
        private Duration timerTick = Duration.ofNanos(
            1000L * SystemProperties.longValue(TIMER_TICK_PROP_NAME, TIMER_TICK_DEFAULT.toNanos() / 1000));
        private TimerClock clock = TimerClock.system();
        private boolean checkSingleWriter =
            SystemProperties.booleanValue(CHECK_SINGLE_WRITER_PROP_NAME, CHECK_SINGLE_WRITER_DEFAULT);

        private Builder()
        {
        }

        /**
         * Events each destination's ring holds.
         *
         * @param ringSize a power of two.
         * @return this builder.
         */
        public Builder ringSize(final int ringSize)
        {
            this.ringSize = ringSize;
            return this;
        }

        /**
         * How dispatcher threads wait when idle.
         *
         * @param idle the strategy.
         * @return this builder.
         */
        public Builder idle(final IdleStrategyKind idle)
        {
            this.idle = Objects.requireNonNull(idle, "idle");
            return this;
        }

        /**
         * Shared dispatcher threads; subscriptions asking for a dedicated thread come on top.
         *
         * @param dispatcherThreads at least one.
         * @return this builder.
         */
        public Builder dispatcherThreads(final int dispatcherThreads)
        {
            this.dispatcherThreads = dispatcherThreads;
            return this;
        }

        /**
         * What publish and send do when a ring is full.
         *
         * @param backpressure the policy.
         * @return this builder.
         */
        public Builder backpressure(final BackpressurePolicy backpressure)
        {
            this.backpressure = Objects.requireNonNull(backpressure, "backpressure");
            return this;
        }

        /**
         * How long close waits for accepted events to be handled before reporting the rest undelivered.
         *
         * @param closeTimeout positive.
         * @return this builder.
         */
        public Builder closeTimeout(final Duration closeTimeout)
        {
            this.closeTimeout = Objects.requireNonNull(closeTimeout, "closeTimeout");
            return this;
        }

        /**
         * Who is told about handler failures; the default, a {@link ConsoleErrorHandler}, prints one line per
         * failure to standard error (rate-limited; stack traces with {@value #ERROR_STACK_TRACES_PROP_NAME}).
         *
         * @param errorHandler the handler.
         * @return this builder.
         */
        public Builder errorHandler(final ErrorHandler errorHandler)
        {
            this.errorHandler = Objects.requireNonNull(errorHandler, "errorHandler");
            return this;
        }

        /**
         * The resolution of the bus's timer, which runs delayed messages, retry backoffs and request timeouts:
         * each fires within about two ticks after its deadline, never before. Rounded up to a power of two
         * nanoseconds. The timer thread ({@code ringbus-timer}) starts with the first delayed message, retry or
         * request, and parks one tick at a time while it holds any.
         *
         * @param timerTick from 1,024 ns to about 1 s.
         * @return this builder.
         */
        public Builder timerTick(final Duration timerTick)
        {
            this.timerTick = Objects.requireNonNull(timerTick, "timerTick");
            return this;
        }

        /**
         * The clock delays, retries and request timeouts run on; tests pass a
         * {@link io.ringbus.disruptor.ManualClock} and move it by hand. The system clock by default.
         *
         * @param clock the clock.
         * @return this builder.
         */
        public Builder clock(final TimerClock clock)
        {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Whether every publish to a {@link io.ringbus.api.TopicOptions#singleWriter(boolean) single-writer} topic
         * checks that no other thread is publishing to it at the same moment, and throws
         * {@link IllegalStateException} naming both threads if one is. The check costs a compare-and-set per
         * publish: turn it on in tests and while debugging.
         *
         * @param check whether to check.
         * @return this builder.
         */
        public Builder checkSingleWriter(final boolean check)
        {
            this.checkSingleWriter = check;
            return this;
        }

        /**
         * Validate the settings and start the bus.
         *
         * @return a running bus.
         * @throws IllegalArgumentException naming the first invalid setting.
         */
        public Bus build()
        {
            return DisruptorBus.start(settings());
        }

        /**
         * Validate the settings without starting a bus: for an engine built on this one (the IPC bus) that takes
         * the in-process settings from this builder rather than copying them.
         *
         * @return the validated settings, as {@link #build()} would start a bus with.
         * @throws IllegalArgumentException naming the first invalid setting.
         */
        public BusConfig settings()
        {
            return new BusConfig(ringSize, idle, dispatcherThreads, errorHandler, backpressure, closeTimeout, timerTick,
                clock, checkSingleWriter);
        }
    }
}
