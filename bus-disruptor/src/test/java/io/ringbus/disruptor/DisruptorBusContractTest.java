package io.ringbus.disruptor;

import io.ringbus.Ringbus;
import io.ringbus.api.Bus;
import io.ringbus.api.BusContractTest;

import java.time.Duration;

/**
 * The shared behavioural contract, run against the in-process engine.
 */
class DisruptorBusContractTest extends BusContractTest
{
    @Override
    protected Bus newBus(final Settings settings)
    {
        return Ringbus.builder()
            .ringSize(settings.ringSize())
            .errorHandler(settings.errorHandler())
            .backpressure(settings.backpressure())
            .closeTimeout(Duration.ofSeconds(30))
            .build();
    }
}
