package io.ringbus.ipc;

import io.ringbus.api.BackpressurePolicy;
import io.ringbus.api.ErrorHandler;
import io.ringbus.api.IdleStrategyKind;
import io.ringbus.api.codec.Codec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The settings of one {@link AeronBus}, filled in and validated by {@link AeronBusBuilder#build()}.
 */
final class BusConfig
{
    /** The local engine's settings, validated by {@code Ringbus.Builder}; the five fields below are read from it. */
    io.ringbus.disruptor.BusConfig local;
    // Views of local that the transport reads often, kept as fields so that its readers need not change.
    int ringSize;
    IdleStrategyKind idle;
    BackpressurePolicy backpressure;
    Duration closeTimeout;
    ErrorHandler errorHandler;
    boolean shareAll;
    Set<String> sharedNames;
    List<String> sharedPrefixes;
    Map<Class<?>, Codec<?>> codecs;
    Path embeddedBase;
    Path externalDir;
    String publishChannel;
    String subscribeChannel;
    int streamId;
    int maxFrameLength;
    DriverSettings driverSettings;
    PeerListener peerListener;
    boolean receiverDispatch;
}
