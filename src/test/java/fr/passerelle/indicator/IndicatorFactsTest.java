package fr.passerelle.indicator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fr.passerelle.pathway.EventData;
import fr.passerelle.pathway.EventType;
import fr.passerelle.pathway.PathwayHistory;
import fr.passerelle.pathway.StoredEvent;
import fr.passerelle.platform.security.OrganisationKind;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Contributions of hand-built histories, for dates the API cannot reach today (past the 21st birthday, future years). */
class IndicatorFactsTest {

    private static final UUID ML = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final String D = "33";
    private static final String RECEIVER = "40";

    @Test
    void ageIsTakenOnTheDateThatCountsWithThe29FebruaryRuleAndAseEndsAt21() {
        LocalDate born = LocalDate.of(2000, 2, 29);
        History h = new History(born).opened(LocalDate.of(2018, 1, 1))
                .ase(LocalDate.of(2012, 1, 1), EventData.Placement.ACCUEILLI)
                .solicit(LocalDate.of(2021, 1, 10))
                .ml(EventType.MISSION_LOCALE_REGISTERED, LocalDate.of(2021, 2, 28), new EventData.MissionLocaleRegistered(null))
                .ml(EventType.ORIENTATION_DIAGNOSTIC_COMPLETED, LocalDate.of(2021, 3, 1), new EventData.OrientationDiagnosticCompleted(false));
        Map<String, Long> keys = h.keys();
        assertEquals(1L, keys.get("2021|DEPARTEMENT|33|REGISTERED|ACCUEILLI|FROM_18_TO_20|0"), "20 on 28 February 2021");
        assertEquals(1L, keys.get("2021|DEPARTEMENT|33|ORIENTATION_DIAGNOSED|EXITED|FROM_21_TO_25|0"),
                "21 on 1 March 2021 (no 29 February), when ASE support has ended");
    }

    @Test
    void aCejWithoutExitRunsToTheDayBeforeThe26thBirthday() {
        LocalDate born = LocalDate.of(2000, 6, 15);
        History h = new History(born).opened(LocalDate.of(2018, 1, 1)).ase(LocalDate.of(2012, 1, 1), EventData.Placement.A_DOMICILE)
                .solicit(LocalDate.of(2023, 4, 1)).ml(EventType.CEJ_STARTED, LocalDate.of(2023, 5, 1), new EventData.CejStarted());
        Map<String, Long> keys = h.keys();
        for (int year = 2023; year <= 2026; year++) {
            assertEquals(1L, total(keys, year, Level.DEPARTEMENT, "CEJ_BENEFICIARIES"), "beneficiary in " + year);
        }
        assertEquals(0L, total(keys, 2027, Level.DEPARTEMENT, "CEJ_BENEFICIARIES"));
        assertEquals(1L, total(keys, 2023, Level.MISSION_LOCALE, "CEJ_ENTRIES"));
        assertEquals(0L, total(keys, 2024, Level.NATION, "CEJ_ENTRIES"));
    }

    @Test
    void followedOn31DecemberEndsWithConsentAndResumesWithANewSolicitation() {
        LocalDate born = LocalDate.of(2005, 3, 3);
        History h = new History(born).opened(LocalDate.of(2021, 9, 1)).ase(LocalDate.of(2017, 1, 1), EventData.Placement.ACCUEILLI)
                .solicit(LocalDate.of(2022, 2, 1))
                .ml(EventType.MISSION_LOCALE_REGISTERED, LocalDate.of(2022, 3, 1), new EventData.MissionLocaleRegistered(null))
                .dep(EventType.CONSENT_WITHDRAWN, LocalDate.of(2023, 7, 1), new EventData.ConsentWithdrawn())
                .dep(EventType.CONSENT_RECORDED, LocalDate.of(2024, 1, 15), new EventData.ConsentRecorded())
                .solicit(LocalDate.of(2024, 2, 1));
        Map<String, Long> keys = h.keys();
        assertEquals(1L, total(keys, 2022, Level.DEPARTEMENT, "FOLLOWED_ON_31_DECEMBER"));
        assertEquals(0L, total(keys, 2023, Level.DEPARTEMENT, "FOLLOWED_ON_31_DECEMBER"), "consent withdrawn");
        assertEquals(1L, total(keys, 2024, Level.DEPARTEMENT, "FOLLOWED_ON_31_DECEMBER"), "solicited again");
        assertEquals(1L, total(keys, 2030, Level.MISSION_LOCALE, "FOLLOWED_ON_31_DECEMBER"), "25 on 31 December 2030");
        assertEquals(0L, total(keys, 2031, Level.MISSION_LOCALE, "FOLLOWED_ON_31_DECEMBER"), "26 by then");
    }

    @Test
    void aTransferEndsTheFollowUpOfTheFormerOwnersMissionLocaleUntilTheNewOwnerSolicitsItAgain() {
        LocalDate born = LocalDate.of(2005, 3, 3);
        History h = new History(born).opened(LocalDate.of(2021, 9, 1)).ase(LocalDate.of(2017, 1, 1), EventData.Placement.ACCUEILLI)
                .solicit(LocalDate.of(2022, 2, 1))
                .ml(EventType.MISSION_LOCALE_REGISTERED, LocalDate.of(2022, 3, 1), new EventData.MissionLocaleRegistered(null))
                .dep(EventType.PATHWAY_TRANSFERRED, LocalDate.of(2023, 6, 1), new EventData.PathwayTransferred(RECEIVER))
                .solicit(LocalDate.of(2025, 2, 1), RECEIVER);
        Map<String, Long> keys = h.keys();
        assertEquals(1L, keys.get("2022|DEPARTEMENT|33|FOLLOWED_ON_31_DECEMBER|ACCUEILLI|FROM_16_TO_17|0"));
        assertEquals(0L, total(keys, 2023, Level.MISSION_LOCALE, "FOLLOWED_ON_31_DECEMBER"), "the share ended at the transfer");
        assertEquals(0L, total(keys, 2024, Level.NATION, "FOLLOWED_ON_31_DECEMBER"), "the receiver did not solicit it");
        assertEquals(1L, keys.get("2025|DEPARTEMENT|" + RECEIVER + "|FOLLOWED_ON_31_DECEMBER|ACCUEILLI|FROM_18_TO_20|0"),
                "solicited again by the receiver, for which it counts");
        assertEquals(1L, total(keys, 2025, Level.DEPARTEMENT, "FOLLOWED_ON_31_DECEMBER"), "counted once, by the owner");
    }

    @Test
    void aShareRestsOnTheSolicitationOfTheCollectivityOwningThePathwayWhateverItsDate() {
        LocalDate born = LocalDate.of(2005, 3, 3);
        // Recorded by the receiver once it owns the pathway, dated before the transfer: the share rests on its own solicitation.
        Map<String, Long> receiver = new History(born).opened(LocalDate.of(2021, 9, 1))
                .ase(LocalDate.of(2017, 1, 1), EventData.Placement.ACCUEILLI)
                .dep(EventType.PATHWAY_TRANSFERRED, LocalDate.of(2023, 6, 1), new EventData.PathwayTransferred(RECEIVER))
                .solicit(LocalDate.of(2023, 5, 1), RECEIVER)
                .ml(EventType.MISSION_LOCALE_REGISTERED, LocalDate.of(2023, 7, 1), new EventData.MissionLocaleRegistered(null))
                .keys();
        assertEquals(1L, receiver.get("2023|DEPARTEMENT|" + RECEIVER + "|FOLLOWED_ON_31_DECEMBER|ACCUEILLI|FROM_18_TO_20|0"));
        // Recorded by the former owner before it recorded the transfer, dated after it: the transfer ends it all the same.
        Map<String, Long> former = new History(born).opened(LocalDate.of(2021, 9, 1))
                .ase(LocalDate.of(2017, 1, 1), EventData.Placement.ACCUEILLI)
                .solicit(LocalDate.of(2022, 2, 1))
                .ml(EventType.MISSION_LOCALE_REGISTERED, LocalDate.of(2022, 3, 1), new EventData.MissionLocaleRegistered(null))
                .solicit(LocalDate.of(2023, 8, 1))
                .dep(EventType.PATHWAY_TRANSFERRED, LocalDate.of(2023, 6, 1), new EventData.PathwayTransferred(RECEIVER))
                .keys();
        assertEquals(1L, total(former, 2022, Level.NATION, "FOLLOWED_ON_31_DECEMBER"));
        assertEquals(0L, total(former, 2023, Level.NATION, "FOLLOWED_ON_31_DECEMBER"));
    }

    @Test
    void theContextPopulationRunsFrom16To25ByStatusOn31December() {
        LocalDate born = LocalDate.of(2005, 12, 31);
        History h = new History(born).opened(LocalDate.of(2022, 1, 1)).ase(LocalDate.of(2015, 1, 1), EventData.Placement.ACCUEILLI)
                .dep(EventType.ASE_SUPPORT_ENDED, LocalDate.of(2023, 6, 1), new EventData.AseSupportEnded(EventData.AseExitReason.MAJORITY));
        Map<String, Long> keys = h.keys();
        assertEquals(0L, total(keys, 2020, Level.DEPARTEMENT, "ASE_YOUNG_PEOPLE_ON_31_DECEMBER"), "15 on 31 December 2020");
        assertEquals(1L, keys.get("2021|DEPARTEMENT|33|ASE_YOUNG_PEOPLE_ON_31_DECEMBER|ACCUEILLI|FROM_16_TO_17|0"), "16 that very day");
        assertEquals(1L, keys.get("2023|DEPARTEMENT|33|ASE_YOUNG_PEOPLE_ON_31_DECEMBER|EXITED|FROM_18_TO_20|0"));
        assertEquals(1L, keys.get("2030|REGION|75|ASE_YOUNG_PEOPLE_ON_31_DECEMBER|EXITED|FROM_21_TO_25|0"));
        assertEquals(0L, total(keys, 2031, Level.NATION, "ASE_YOUNG_PEOPLE_ON_31_DECEMBER"));
        assertEquals(0L, keys.keySet().stream().filter(key -> key.contains("MISSION_LOCALE")).count());
    }

    private static long total(Map<String, Long> keys, int year, Level level, String measure) {
        return keys.entrySet().stream().filter(entry -> entry.getKey().startsWith(year + "|" + level + "|")
                && entry.getKey().contains("|" + measure + "|")).mapToLong(Map.Entry::getValue).sum();
    }

    /** A hand-built history; events are kept in date order like the effective steps. */
    private static final class History {
        private final LocalDate born;
        private final UUID pathway = UUID.randomUUID();
        private final List<StoredEvent> steps = new ArrayList<>();

        History(LocalDate born) {
            this.born = born;
        }

        History opened(LocalDate on) {
            return add(EventType.PATHWAY_OPENED, on, OrganisationKind.DEPARTEMENT, D, new EventData.PathwayOpened());
        }

        History ase(LocalDate on, EventData.Placement placement) {
            return add(EventType.ASE_SUPPORT_STARTED, on, OrganisationKind.DEPARTEMENT, D,
                    new EventData.AseSupportStarted(placement, EventData.Measure.JUDICIAL, false));
        }

        History solicit(LocalDate on) {
            return solicit(on, D);
        }

        History solicit(LocalDate on, String departement) {
            return add(EventType.MISSION_LOCALE_SOLICITED, on, OrganisationKind.DEPARTEMENT, departement,
                    new EventData.MissionLocaleSolicited(ML));
        }

        History ml(EventType type, LocalDate on, EventData.Payload data) {
            return add(type, on, OrganisationKind.MISSION_LOCALE, ML.toString(), data);
        }

        History dep(EventType type, LocalDate on, EventData.Payload data) {
            return add(type, on, OrganisationKind.DEPARTEMENT, D, data);
        }

        private History add(EventType type, LocalDate on, OrganisationKind kind, String recorder, EventData.Payload data) {
            steps.add(new StoredEvent(UUID.randomUUID(), steps.size() + 1, pathway, type, on, Instant.EPOCH, kind, recorder, null, data));
            return this;
        }

        Map<String, Long> keys() {
            List<StoredEvent> sorted = steps.stream()
                    .sorted(Comparator.comparing(StoredEvent::occurredOn).thenComparingLong(StoredEvent::seq)).toList();
            return IndicatorFacts.of(new PathwayHistory(pathway, born, null, sorted, steps), code -> code.equals(D) ? "75" : null).stream()
                    .collect(Collectors.groupingBy(CountKey::encode, TreeMap::new, Collectors.counting()));
        }
    }
}
