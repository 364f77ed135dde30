package fr.passerelle.sharing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.passerelle.pathway.EventData;
import fr.passerelle.pathway.EventType;
import fr.passerelle.pathway.StoredEvent;
import fr.passerelle.platform.security.OrganisationKind;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MissionLocaleVisibilityTest {

    private static final UUID PATHWAY = UUID.randomUUID();
    private static final LocalDate TODAY = LocalDate.now();

    @Test
    void aCorrectionNamingAnotherMissionLocaleIsSeenNeitherByTheOneNamedBeforeNorByTheOneNamedAfter() {
        UUID before = UUID.randomUUID();
        UUID after = UUID.randomUUID();
        StoredEvent review = departementEvent(1, EventType.REVIEW_HELD, null, binomeReview(before));
        StoredEvent correction = departementEvent(2, EventType.EVENT_CORRECTED, review.id(), binomeReview(after));
        Map<UUID, StoredEvent> lookup = Map.of(review.id(), review, correction.id(), correction);

        assertTrue(MissionLocaleVisibility.sees(review, before, lookup));
        assertFalse(MissionLocaleVisibility.sees(correction, before, lookup), "it would read the other Mission Locale's id");
        assertFalse(MissionLocaleVisibility.sees(correction, after, lookup), "it would read of a review it did not take part in");
    }

    @Test
    void aCorrectionThatStillNamesTheSameMissionLocaleIsSeenByIt() {
        UUID missionLocale = UUID.randomUUID();
        StoredEvent review = departementEvent(1, EventType.REVIEW_HELD, null, binomeReview(missionLocale));
        StoredEvent correction = departementEvent(2, EventType.EVENT_CORRECTED, review.id(), binomeReview(missionLocale));
        Map<UUID, StoredEvent> lookup = Map.of(review.id(), review, correction.id(), correction);

        assertTrue(MissionLocaleVisibility.sees(correction, missionLocale, lookup));
        assertFalse(MissionLocaleVisibility.sees(correction, UUID.randomUUID(), lookup));
    }

    private static EventData.ReviewHeld binomeReview(UUID missionLocale) {
        return new EventData.ReviewHeld(List.of(EventData.Participant.YOUNG_PERSON, EventData.Participant.DEPARTEMENT_WORKER,
                EventData.Participant.MISSION_LOCALE_COUNSELLOR), missionLocale, false);
    }

    private static StoredEvent departementEvent(long seq, EventType type, UUID target, EventData.Payload data) {
        return new StoredEvent(UUID.randomUUID(), seq, PATHWAY, type, TODAY, Instant.now(), OrganisationKind.DEPARTEMENT, "56", target, data);
    }
}
