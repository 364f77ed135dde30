package fr.passerelle.pathway;

import java.time.LocalDate;
import java.time.Month;
import java.util.Optional;

/**
 * The age rules of the convention, on Europe/Paris calendar dates.
 * <ul>
 * <li>A département registers a young person aged 16 to 20 on the day of registration: the
 * convention's public starts at 16 and ASE support of young adults ends at 21; holding data on
 * anyone else would exceed the purpose of the processing.</li>
 * <li>ASE support events may be dated from birth (support often started long before 16).</li>
 * <li>Every other step is dated from the 16th birthday.</li>
 * <li>A département's steps are dated up to the 21st birthday included (the day ASE support ends at the
 * latest); a Mission Locale's steps up to the day before the 26th birthday (its public is 16-25).</li>
 * <li>A birthday falls on the same day and month; someone born on 29 February has it on 1 March in
 * other years (counting from day to day, the day after 28 February).</li>
 * </ul>
 */
final class AgeRules {

    static final int CONVENTION_START_AGE = 16;
    static final int ASE_END_AGE = 21;
    static final int MISSION_LOCALE_END_AGE = 26;

    private AgeRules() {
    }

    static LocalDate birthday(LocalDate birthDate, int age) {
        LocalDate candidate = birthDate.plusYears(age);
        if (birthDate.getMonth() == Month.FEBRUARY && birthDate.getDayOfMonth() == 29 && candidate.getDayOfMonth() == 28) {
            return candidate.plusDays(1);
        }
        return candidate;
    }

    static int ageOn(LocalDate birthDate, LocalDate date) {
        int age = date.getYear() - birthDate.getYear();
        return date.isBefore(birthday(birthDate, age)) ? age - 1 : age;
    }

    /** Why a young person born on that date cannot be registered on that day, if so. */
    static Optional<String> registrationRefusal(LocalDate birthDate, LocalDate today) {
        if (!birthDate.isBefore(today)) {
            return Optional.of("the birth date must be in the past");
        }
        int age = ageOn(birthDate, today);
        if (age < CONVENTION_START_AGE) {
            return Optional.of("the young person is " + age + "; the convention's public starts at 16 (registration possible from "
                    + birthday(birthDate, CONVENTION_START_AGE) + ")");
        }
        if (age >= ASE_END_AGE) {
            return Optional.of("the young person is " + age + "; ASE support ends at 21");
        }
        return Optional.empty();
    }

    /** Why a step of that type, recorded by a département or not, cannot be dated on that day, if so. */
    static Optional<String> dateRefusal(EventType type, boolean byDepartement, LocalDate birthDate, LocalDate occurredOn,
            LocalDate today) {
        if (occurredOn.isAfter(today)) {
            return Optional.of("the date is in the future");
        }
        if (occurredOn.isBefore(birthDate)) {
            return Optional.of("the date is before the young person's birth");
        }
        EventType.Step step = type.step();
        if (step == EventType.Step.ASE || step == EventType.Step.SYSTEM || step == EventType.Step.ANNOTATION) {
            return Optional.empty();
        }
        // Only the département, which holds the birth date, is told the day: a Mission Locale never sees it.
        LocalDate sixteen = birthday(birthDate, CONVENTION_START_AGE);
        if (occurredOn.isBefore(sixteen)) {
            return Optional.of("steps of the convention start at 16" + (byDepartement ? " (" + sixteen + ")" : ""));
        }
        LocalDate limit = byDepartement ? birthday(birthDate, ASE_END_AGE)
                : birthday(birthDate, MISSION_LOCALE_END_AGE).minusDays(1);
        if (occurredOn.isAfter(limit)) {
            return Optional.of(byDepartement ? "a département's steps end at the 21st birthday (" + limit + ")"
                    : "steps end before the 26th birthday");
        }
        return Optional.empty();
    }

    /** The date rule of a type, as the event catalogue publishes it; {@link #dateRefusal} applies it. */
    static String describe(EventType type) {
        return switch (type.step()) {
            case SYSTEM -> "Dated by the service.";
            case ASE -> "From the birth date; not in the future.";
            case ANNOTATION -> type == EventType.EVENT_CORRECTED
                    ? "The corrected date must meet the rule of the corrected event's type."
                    : "Not before the birth date; not in the future.";
            default -> switch (type.recorder()) {
                case DEPARTEMENT -> "From the 16th birthday to the 21st birthday included; not in the future.";
                case MISSION_LOCALE -> "From the 16th birthday to the day before the 26th birthday; not in the future.";
                default -> "From the 16th birthday; up to the 21st birthday included when a département records it, the day "
                        + "before the 26th birthday when a Mission Locale does; not in the future.";
            };
        };
    }
}
