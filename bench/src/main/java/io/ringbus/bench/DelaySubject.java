package io.ringbus.bench;

import java.time.Duration;

/**
 * A subject of the {@code delay} scenario: its {@link Session#link} returns a {@link Link} whose {@code send}
 * delivers the message to the receiver once {@link #delay()} has passed (Ringbus: {@code queue.sendAfter}).
 * <p>
 * <b>Note:</b> implementations are stateless factories, safe to share.
 */
public interface DelaySubject extends Subject
{
    /**
     * How long each message waits before delivery.
     *
     * @return the delay, positive.
     */
    Duration delay();

    /**
     * What the subject's timer resolution is, for the report, e.g. {@code timer tick 1.049 ms}.
     *
     * @return a short description.
     */
    String timer();
}
