package io.ringbus.ipc;

import io.ringbus.api.Bus;
import io.ringbus.api.BusContractTest;
import org.junit.jupiter.api.AfterAll;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The shared behavioural contract, run against the IPC bus with every named destination shared, so that each
 * topic, queue and address of the contract also goes through the Aeron stream and the receiver.
 */
class AeronBusContractTest extends BusContractTest
{
    private static final Path BASE = TestDirs.newBase();

    @Override
    protected Bus newBus(final Settings settings)
    {
        return AeronBus.builder()
            .shareAll()
            .codec(new ContractQuoteCodec()) // the contract's slot-mode topics are shared too
            .embeddedDriver(BASE)
            .ringSize(settings.ringSize())
            .errorHandler(settings.errorHandler())
            .backpressure(settings.backpressure())
            .closeTimeout(Duration.ofSeconds(30))
            .build();
    }

    /**
     * Shared queues do not carry priorities, delays, retries or dead letters between processes yet (README, IPC).
     */
    @Override
    protected boolean queuesCarryDeliveryFeatures()
    {
        return false;
    }

    @AfterAll
    static void removeDirectory()
    {
        TestDirs.delete(BASE);
    }
}
