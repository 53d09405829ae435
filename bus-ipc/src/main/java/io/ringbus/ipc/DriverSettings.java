package io.ringbus.ipc;

import org.agrona.concurrent.IdleStrategy;

/**
 * Settings for an embedded media driver and the client's view of it.
 * <p>
 * <b>Note:</b> immutable; thread-safe.
 *
 * @param termLength      term buffer length of every log (three terms each), a power of two.
 * @param peerTimeoutMs   how long a silent peer or client lives on before it is considered gone.
 * @param driverTimeoutMs how long the client waits for a silent driver before it reports it gone.
 * @param driverIdle      the embedded driver's idle strategy, or {@code null} for Aeron's default.
 */
record DriverSettings(int termLength, long peerTimeoutMs, long driverTimeoutMs, IdleStrategy driverIdle)
{
}
