package io.ringbus.bench;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubjectRegistryTest
{
    @Test
    void everySubjectNamesKnownMeasuredScenariosAndAUniqueId()
    {
        final Set<String> measured = new HashSet<>();
        for (final Scenario scenario : ScenarioRegistry.all())
        {
            if (scenario.notYetMeasured().isEmpty())
            {
                measured.add(scenario.id());
            }
        }
        final Set<String> ids = new HashSet<>();
        for (final SubjectRegistry.Entry entry : SubjectRegistry.entries())
        {
            assertTrue(ids.add(entry.subject().id()), "unique id " + entry.subject().id());
            assertTrue(measured.containsAll(entry.scenarios()), entry.subject().id() + " names " + entry.scenarios());
            assertEquals(entry.subject().name() + "/" + entry.subject().idle(), entry.subject().id());
        }
    }

    @Test
    void everyMeasuredScenarioHasRingbusAndAPeerWhereItCompares()
    {
        for (final Scenario scenario : ScenarioRegistry.all())
        {
            if (!scenario.notYetMeasured().isEmpty())
            {
                continue;
            }
            final boolean ringbus = SubjectRegistry.entries().stream()
                .anyMatch(e -> e.scenarios().contains(scenario.id()) && e.subject().ringbus());
            final boolean peer = SubjectRegistry.entries().stream()
                .anyMatch(e -> e.scenarios().contains(scenario.id()) && !e.subject().ringbus());
            assertTrue(ringbus, scenario.id() + " measures Ringbus");
            assertEquals(scenario.hasPeers(), peer, scenario.id() + " has a peer exactly when it compares with peers");
        }
    }

    @Test
    void unknownIdIsRefusedWithTheKnownOnes()
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> SubjectRegistry.byId("nats/busy-spin"));
        assertTrue(ex.getMessage().contains("disruptor/busy-spin"), ex.getMessage());
    }
}
