package fr.passerelle.pathway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fr.passerelle.platform.security.Role;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The catalogue entry of a situation update: recorded by a Mission Locale only, dated from 16 to the day before 26. */
class SituationUpdateRulesTest {

    private static final LocalDate BORN = LocalDate.of(2000, 2, 29);
    private static final LocalDate TODAY = LocalDate.of(2030, 1, 1);

    @Test
    void onlyAMissionLocaleRecordsASituation() {
        EventType type = EventType.byCloudEventType("fr.passerelle.mission-locale.situation-updated.v1").orElseThrow();
        assertEquals(EventType.SITUATION_UPDATED, type);
        assertEquals(EventData.SituationUpdated.class, type.dataClass());
        assertTrue(type.recorder().allows(Role.MISSION_LOCALE));
        assertEquals(false, type.recorder().allows(Role.DEPARTEMENT));
        assertTrue(type.submittable() && type.correctable(), "corrected or retracted by the Mission Locale that recorded it");
    }

    @Test
    void aSituationIsDatedFromThe16thBirthdayToTheDayBeforeThe26th() {
        EventType type = EventType.SITUATION_UPDATED;
        assertTrue(AgeRules.dateRefusal(type, false, BORN, LocalDate.of(2016, 2, 28), TODAY).isPresent(), "the day before 16");
        assertEquals(Optional.empty(), AgeRules.dateRefusal(type, false, BORN, LocalDate.of(2016, 2, 29), TODAY), "16, a leap year");
        assertEquals(Optional.empty(), AgeRules.dateRefusal(type, false, BORN, LocalDate.of(2026, 2, 28), TODAY));
        assertTrue(AgeRules.dateRefusal(type, false, BORN, LocalDate.of(2026, 3, 1), TODAY).isPresent(),
                "the 26th birthday, 1 March in a common year");
    }
}
