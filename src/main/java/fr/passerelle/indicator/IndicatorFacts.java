package fr.passerelle.indicator;

import fr.passerelle.pathway.EventData;
import fr.passerelle.pathway.EventType;
import fr.passerelle.pathway.PathwayHistory;
import fr.passerelle.pathway.PathwayState;
import fr.passerelle.pathway.StoredEvent;
import fr.passerelle.platform.security.OrganisationKind;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What one pathway contributes to the counts, derived from its history alone (effective steps:
 * retractions left out, corrections applied, in the order they happened). The result is a
 * multiset of count keys: a young person counted once in a year and scope is one key; each
 * interview or solicitation is one key. Summing the contributions of every pathway gives the
 * counts; this is both the incremental path and the from-scratch recomputation.
 * <p>
 * Nothing here depends on the current date, so that a recomputation at any time gives the same
 * contributions.
 */
final class IndicatorFacts {

    private static final int ASE_END_AGE = 21;
    private static final int MISSION_LOCALE_END_AGE = 26;
    private static final int CONTEXT_MIN_AGE = 16;
    private static final int CONTEXT_MAX_AGE = 25;

    private IndicatorFacts() {
    }

    /** The contributions of one pathway; {@code regionOf} gives the region of a collectivity (null if unknown). */
    static List<CountKey> of(PathwayHistory history, Function<String, String> regionOf) {
        return new Computation(history, regionOf).run();
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

    /** A counted unit before it is placed in its scopes: what, when, for which collectivity and Mission Locale. */
    private record Occurrence(Measure measure, LocalDate date, String departement, UUID missionLocale, int value, int order) {
    }

    private record Slot(Measure measure, int year, Level level, String scope) {
    }

    private record Transfer(LocalDate on, String to) {
    }

    private record Spell(LocalDate start, LocalDate end, UUID missionLocale) {

        boolean covers(LocalDate day) {
            return !day.isBefore(start) && !day.isAfter(end);
        }
    }

    /** A situation known from a date on: a situation update, or the outcome of a CEJ exit. */
    private record SituationAt(LocalDate on, EventData.Situation situation) {
    }

    private static final Set<EventData.Situation> IN_TRAINING = EnumSet.of(EventData.Situation.IN_EDUCATION,
            EventData.Situation.IN_TRAINING, EventData.Situation.IN_WORK_STUDY);

    private enum Joint {
        ATTESTED,
        AWAITING,
        DISPUTED
    }

    private static final class Computation {
        private final PathwayHistory history;
        private final LocalDate birthDate;
        private final List<StoredEvent> steps;
        private final Function<String, String> regionOf;
        private final List<Occurrence> occurrences = new ArrayList<>();
        private final List<Transfer> transfers = new ArrayList<>();
        private final List<StoredEvent> aseSteps = new ArrayList<>();
        private final Map<UUID, Joint> joint = new HashMap<>();
        private final Map<LocalDate, Set<UUID>> sharedAtEndOf = new HashMap<>();
        private String initialOwner;

        Computation(PathwayHistory history, Function<String, String> regionOf) {
            this.history = history;
            this.birthDate = history.birthDate();
            this.steps = history.steps();
            this.regionOf = regionOf;
            String fallbackOwner = null;
            for (StoredEvent step : steps) {
                switch (step.type()) {
                    case PATHWAY_OPENED -> {
                        if (initialOwner == null) {
                            initialOwner = step.recorderId();
                        }
                    }
                    case PATHWAY_TRANSFERRED -> transfers.add(new Transfer(step.occurredOn(),
                            ((EventData.PathwayTransferred) step.data()).toDepartementCode()));
                    case ASE_SUPPORT_STARTED, ASE_SUPPORT_CHANGED, ASE_SUPPORT_ENDED -> aseSteps.add(step);
                    default -> {
                    }
                }
                if (fallbackOwner == null && step.recorderKind() == OrganisationKind.DEPARTEMENT) {
                    fallbackOwner = step.recorderId();
                }
            }
            if (initialOwner == null) {
                // Every pathway starts with pathway.opened; this only guards against data written otherwise.
                initialOwner = fallbackOwner != null ? fallbackOwner
                        : history.state() == null ? null : history.state().departementCode();
            }
            readConfirmations();
        }

        /** Who attested each joint step: the département by recording it, the Mission Locale by confirming it; last word wins. */
        private void readConfirmations() {
            Map<UUID, String[]> sides = new HashMap<>();
            for (StoredEvent step : steps) {
                UUID target;
                String value;
                if (step.type() == EventType.JOINT_STEP_CONFIRMED) {
                    target = ((EventData.JointStepConfirmed) step.data()).eventId();
                    value = "CONFIRMED";
                } else if (step.type() == EventType.JOINT_STEP_DISPUTED) {
                    target = ((EventData.JointStepDisputed) step.data()).eventId();
                    value = "DISPUTED";
                } else {
                    continue;
                }
                String[] pair = sides.computeIfAbsent(target, id -> new String[] {"CONFIRMED", "PENDING"});
                pair[step.recorderKind() == OrganisationKind.MISSION_LOCALE ? 1 : 0] = value;
            }
            for (StoredEvent step : steps) {
                if (step.type() == EventType.REVIEW_HELD || step.type() == EventType.AUTONOMY_PROJECT_RECORDED) {
                    String[] pair = sides.getOrDefault(step.id(), new String[] {"CONFIRMED", "PENDING"});
                    Joint state = pair[0].equals("DISPUTED") || pair[1].equals("DISPUTED") ? Joint.DISPUTED
                            : pair[0].equals("CONFIRMED") && pair[1].equals("CONFIRMED") ? Joint.ATTESTED : Joint.AWAITING;
                    joint.put(step.id(), state);
                }
            }
        }

        List<CountKey> run() {
            Map<UUID, StoredEvent> firstSolicitation = new LinkedHashMap<>();
            Map<UUID, LocalDate> firstContact = new HashMap<>();
            Map<UUID, LocalDate> firstRegistration = new LinkedHashMap<>();
            Set<UUID> reached = new HashSet<>();
            List<SituationAt> situations = new ArrayList<>();
            List<StoredEvent> exits = new ArrayList<>();
            LocalDate cejStart = null;
            UUID cejMissionLocale = null;
            List<Spell> spells = new ArrayList<>();
            for (int order = 0; order < steps.size(); order++) {
                StoredEvent step = steps.get(order);
                LocalDate on = step.occurredOn();
                switch (step.type()) {
                    case MISSION_LOCALE_SOLICITED -> {
                        UUID missionLocale = ((EventData.MissionLocaleSolicited) step.data()).missionLocaleId();
                        add(Measure.SOLICITED, on, step.recorderId(), missionLocale, 0, order);
                        firstSolicitation.putIfAbsent(missionLocale, step);
                    }
                    case REVIEW_HELD -> {
                        EventData.ReviewHeld review = (EventData.ReviewHeld) step.data();
                        if (review.binome()) {
                            Measure measure = switch (joint.get(step.id())) {
                                case ATTESTED -> Measure.JOINT_INTERVIEWS;
                                case AWAITING -> Measure.JOINT_INTERVIEWS_AWAITING_CONFIRMATION;
                                case DISPUTED -> Measure.JOINT_INTERVIEWS_DISPUTED;
                            };
                            add(measure, on, step.recorderId(), review.missionLocaleId(), 0, order);
                        }
                    }
                    case AUTONOMY_PROJECT_RECORDED -> {
                        EventData.AutonomyProjectRecorded project = (EventData.AutonomyProjectRecorded) step.data();
                        if (project.joint()) {
                            Measure measure = switch (joint.get(step.id())) {
                                case ATTESTED -> Measure.JOINT_AUTONOMY_PROJECTS;
                                case AWAITING -> Measure.JOINT_AUTONOMY_PROJECTS_AWAITING_CONFIRMATION;
                                case DISPUTED -> Measure.JOINT_AUTONOMY_PROJECTS_DISPUTED;
                            };
                            add(measure, on, step.recorderId(), project.missionLocaleId(), 0, order);
                        }
                    }
                    case FIRST_CONTACT -> {
                        firstContact.merge(missionLocaleOf(step), on, (a, b) -> a.isBefore(b) ? a : b);
                        reached.add(missionLocaleOf(step));
                    }
                    case MISSION_LOCALE_REGISTERED -> {
                        UUID missionLocale = missionLocaleOf(step);
                        add(Measure.REGISTERED, on, ownerOn(on), missionLocale, 0, order);
                        firstRegistration.merge(missionLocale, on, (a, b) -> a.isBefore(b) ? a : b);
                        reached.add(missionLocale);
                    }
                    case HANDOVER_DECIDED -> {
                        EventData.HandoverDecided handover = (EventData.HandoverDecided) step.data();
                        add(handover.mode() == EventData.HandoverMode.CO_INTERVENTION ? Measure.HANDOVER_CO_INTERVENTION
                                : Measure.HANDOVER_RELAY, on, departementOf(step), missionLocaleOf(step, handover.missionLocaleId()), 0, order);
                    }
                    case FRAGILITY_ASSESSED -> {
                        add(Measure.FRAGILITY_ASSESSED, on, departementOf(step), missionLocaleOf(step, null), 0, order);
                        for (EventData.FragilityCriterion criterion : ((EventData.FragilityAssessed) step.data()).criteria()) {
                            add(Measure.need(criterion), on, departementOf(step), missionLocaleOf(step, null), 0, order);
                        }
                    }
                    case RIGHTS_INFORMATION_GIVEN -> add(Measure.RIGHTS_INFORMED, on, departementOf(step), missionLocaleOf(step, null), 0, order);
                    case ELIGIBILITY_CHECKED -> add(Measure.ELIGIBILITY_CHECKED, on, departementOf(step), missionLocaleOf(step, null), 0, order);
                    case TRAINING_OBLIGATION_REPORTED -> add(Measure.TRAINING_OBLIGATION_REPORTED, on, ownerOn(on), missionLocaleOf(step), 0, order);
                    case SITUATION_UPDATED -> situations.add(new SituationAt(on, ((EventData.SituationUpdated) step.data()).situation()));
                    case ASE_SUPPORT_ENDED -> {
                        if (((EventData.AseSupportEnded) step.data()).exitReason() != EventData.AseExitReason.TRANSFER_TO_ANOTHER_DEPARTEMENT) {
                            exits.add(step);
                        }
                    }
                    case ORIENTATION_DIAGNOSTIC_COMPLETED -> add(Measure.ORIENTATION_DIAGNOSED, on, ownerOn(on), missionLocaleOf(step), 0, order);
                    case CEJ_STARTED -> {
                        if (cejStart == null) {
                            cejStart = on;
                            cejMissionLocale = missionLocaleOf(step);
                            add(Measure.CEJ_ENTRIES, on, ownerOn(on), cejMissionLocale, 0, order);
                        }
                    }
                    case CEJ_ENDED -> {
                        if (cejStart != null) {
                            spells.add(new Spell(cejStart, on, cejMissionLocale));
                            cejStart = null;
                        }
                        EventData.CejOutcome outcome = ((EventData.CejEnded) step.data()).outcome();
                        if (outcome == EventData.CejOutcome.EMPLOYMENT) {
                            situations.add(new SituationAt(on, EventData.Situation.IN_EMPLOYMENT));
                        } else if (outcome == EventData.CejOutcome.TRAINING) {
                            situations.add(new SituationAt(on, EventData.Situation.IN_TRAINING));
                        }
                    }
                    default -> {
                    }
                }
            }
            if (cejStart != null) {
                LocalDate lastDay = birthday(birthDate, MISSION_LOCALE_END_AGE).minusDays(1);
                spells.add(new Spell(cejStart, lastDay.isBefore(cejStart) ? cejStart : lastDay, cejMissionLocale));
            }
            int late = steps.size();
            firstSolicitation.forEach((missionLocale, solicitation) -> {
                LocalDate contact = firstContact.get(missionLocale);
                if (contact != null) {
                    long days = Math.max(0, ChronoUnit.DAYS.between(solicitation.occurredOn(), contact));
                    add(Measure.FIRST_CONTACT_DELAY, solicitation.occurredOn(), solicitation.recorderId(), missionLocale,
                            (int) Math.min(days, Integer.MAX_VALUE), late);
                }
            });
            firstSolicitation.forEach((missionLocale, solicitation) -> {
                if (!reached.contains(missionLocale)) {
                    add(Measure.SOLICITED_NEVER_REACHED, solicitation.occurredOn(), solicitation.recorderId(), missionLocale, 0, late);
                }
            });
            int lastYearFollowed = birthDate.getYear() + CONTEXT_MAX_AGE;
            firstRegistration.forEach((missionLocale, registeredOn) -> {
                for (int year = registeredOn.getYear(); year <= lastYearFollowed; year++) {
                    LocalDate endOfYear = LocalDate.of(year, 12, 31);
                    if (shareActiveAtEndOf(missionLocale, endOfYear)) {
                        String owner = ownerOn(endOfYear);
                        add(Measure.FOLLOWED_ON_31_DECEMBER, endOfYear, owner, missionLocale, 0, late);
                        EventData.Situation situation = situationOn(situations, endOfYear);
                        if (IN_TRAINING.contains(situation)) {
                            add(Measure.IN_TRAINING_ON_31_DECEMBER, endOfYear, owner, missionLocale, 0, late);
                        } else if (situation == EventData.Situation.IN_EMPLOYMENT) {
                            add(Measure.IN_EMPLOYMENT_ON_31_DECEMBER, endOfYear, owner, missionLocale, 0, late);
                        }
                        if (spells.stream().anyMatch(spell -> spell.covers(endOfYear))) {
                            add(Measure.IN_CEJ_ON_31_DECEMBER, endOfYear, owner, missionLocale, 0, late);
                        }
                    }
                }
            });
            for (StoredEvent exit : exits) {
                LocalDate on = exit.occurredOn();
                add(Measure.ASE_EXITS, on, exit.recorderId(), null, 0, late);
                boolean followed = firstRegistration.entrySet().stream()
                        .anyMatch(entry -> !entry.getValue().isAfter(on) && shareActiveAtEndOf(entry.getKey(), on));
                EventData.Situation situation = situationOn(situations, on);
                boolean active = IN_TRAINING.contains(situation) || situation == EventData.Situation.IN_EMPLOYMENT;
                if (!followed && !active && spells.stream().noneMatch(spell -> spell.covers(on))) {
                    add(Measure.LEFT_WITHOUT_SOLUTION, on, exit.recorderId(), null, 0, late);
                }
            }
            for (Spell spell : spells) {
                beneficiaries(spell, late);
            }
            for (int year = birthDate.getYear() + CONTEXT_MIN_AGE; year <= birthDate.getYear() + CONTEXT_MAX_AGE; year++) {
                LocalDate endOfYear = LocalDate.of(year, 12, 31);
                if (statusOn(endOfYear) != AseStatusBand.UNKNOWN) {
                    add(Measure.ASE_YOUNG_PEOPLE_ON_31_DECEMBER, endOfYear, ownerOn(endOfYear), null, 0, late);
                }
            }
            return keys();
        }

        /** A CEJ period counts on each day of each year it covers, for the collectivity owning the pathway that day. */
        private void beneficiaries(Spell spell, int order) {
            for (int year = spell.start().getYear(); year <= spell.end().getYear(); year++) {
                LocalDate from = later(spell.start(), LocalDate.of(year, 1, 1));
                LocalDate to = earlier(spell.end(), LocalDate.of(year, 12, 31));
                if (from.isAfter(to)) {
                    continue;
                }
                List<LocalDate> starts = new ArrayList<>();
                List<String> owners = new ArrayList<>();
                starts.add(LocalDate.MIN);
                owners.add(initialOwner);
                for (Transfer transfer : transfers) {
                    starts.add(transfer.on());
                    owners.add(transfer.to());
                }
                for (int i = 0; i < starts.size(); i++) {
                    LocalDate periodStart = starts.get(i);
                    LocalDate periodEnd = i + 1 < starts.size() ? starts.get(i + 1).minusDays(1) : LocalDate.MAX;
                    if (periodEnd.isBefore(periodStart) || periodEnd.isBefore(from) || periodStart.isAfter(to)) {
                        continue;
                    }
                    add(Measure.CEJ_BENEFICIARIES, later(from, periodStart), owners.get(i), spell.missionLocale(), 0, order);
                }
            }
        }

        /** Whether the pathway is shared with the Mission Locale at the end of the given day, as the fold derives shares. */
        private boolean shareActiveAtEndOf(UUID missionLocale, LocalDate day) {
            return sharedAtEndOf.computeIfAbsent(day, end -> history.stateAtEndOf(end).missionLocales().stream()
                    .filter(link -> link.share() == PathwayState.ShareStatus.ACTIVE)
                    .map(PathwayState.MissionLocaleLink::missionLocaleId).collect(Collectors.toSet()))
                    .contains(missionLocale);
        }

        /** The latest situation known at the end of a day (null if none): situations are in the order they happened. */
        private static EventData.Situation situationOn(List<SituationAt> situations, LocalDate day) {
            EventData.Situation latest = null;
            for (SituationAt situation : situations) {
                if (situation.on().isAfter(day)) {
                    break;
                }
                latest = situation.situation();
            }
            return latest;
        }

        /** The collectivity a step counts for: the one that recorded it, or for a Mission Locale's step the owner that day. */
        private String departementOf(StoredEvent step) {
            return step.recorderKind() == OrganisationKind.DEPARTEMENT ? step.recorderId() : ownerOn(step.occurredOn());
        }

        /** The collectivity that owns the pathway on a day: the one that registered it, then each transfer's receiver from its date. */
        private String ownerOn(LocalDate day) {
            String owner = initialOwner;
            for (Transfer transfer : transfers) {
                if (!transfer.on().isAfter(day)) {
                    owner = transfer.to();
                }
            }
            return owner;
        }

        /** The ASE situation at the end of a day, as the fold derives it; past the 21st birthday ASE support has ended. */
        private AseStatusBand statusOn(LocalDate day) {
            AseStatusBand band = AseStatusBand.UNKNOWN;
            for (StoredEvent step : aseSteps) {
                if (step.occurredOn().isAfter(day)) {
                    break;
                }
                switch (step.type()) {
                    case ASE_SUPPORT_STARTED -> band = placement(((EventData.AseSupportStarted) step.data()).placement());
                    case ASE_SUPPORT_CHANGED -> {
                        if (band != AseStatusBand.UNKNOWN && band != AseStatusBand.EXITED) {
                            band = placement(((EventData.AseSupportChanged) step.data()).placement());
                        }
                    }
                    case ASE_SUPPORT_ENDED -> band = AseStatusBand.EXITED;
                    default -> {
                    }
                }
            }
            if ((band == AseStatusBand.ACCUEILLI || band == AseStatusBand.A_DOMICILE)
                    && !day.isBefore(birthday(birthDate, ASE_END_AGE))) {
                return AseStatusBand.EXITED;
            }
            return band;
        }

        private void add(Measure measure, LocalDate date, String departement, UUID missionLocale, int value, int order) {
            occurrences.add(new Occurrence(measure, date, departement, missionLocale, value, order));
        }

        /** Places each occurrence in its scopes; young people are kept once per year and scope, at their first occurrence. */
        private List<CountKey> keys() {
            List<CountKey> keys = new ArrayList<>();
            Map<Slot, Occurrence> first = new LinkedHashMap<>();
            Comparator<Occurrence> earliest = Comparator.comparing(Occurrence::date).thenComparingInt(Occurrence::order);
            for (Occurrence occurrence : occurrences) {
                for (Map.Entry<Level, String> scope : scopes(occurrence).entrySet()) {
                    Slot slot = new Slot(occurrence.measure(), occurrence.date().getYear(), scope.getKey(), scope.getValue());
                    if (occurrence.measure().distinctYoungPeople()) {
                        first.merge(slot, occurrence, (a, b) -> earliest.compare(a, b) <= 0 ? a : b);
                    } else {
                        keys.add(key(slot, occurrence));
                    }
                }
            }
            Set<Slot> attested = new HashSet<>();
            Set<Slot> awaiting = new HashSet<>();
            for (Slot slot : first.keySet()) {
                if (slot.measure() == Measure.JOINT_AUTONOMY_PROJECTS) {
                    attested.add(new Slot(null, slot.year(), slot.level(), slot.scope()));
                } else if (slot.measure() == Measure.JOINT_AUTONOMY_PROJECTS_AWAITING_CONFIRMATION) {
                    awaiting.add(new Slot(null, slot.year(), slot.level(), slot.scope()));
                }
            }
            first.forEach((slot, occurrence) -> {
                Slot place = new Slot(null, slot.year(), slot.level(), slot.scope());
                boolean superseded = slot.measure() == Measure.JOINT_AUTONOMY_PROJECTS_AWAITING_CONFIRMATION && attested.contains(place)
                        || slot.measure() == Measure.JOINT_AUTONOMY_PROJECTS_DISPUTED
                        && (attested.contains(place) || awaiting.contains(place));
                if (!superseded) {
                    keys.add(key(slot, occurrence));
                }
            });
            return keys;
        }

        private CountKey key(Slot slot, Occurrence occurrence) {
            if (!slot.measure().breakdown()) {
                return new CountKey(slot.year(), slot.level(), slot.scope(), slot.measure(), CountKey.ALL, CountKey.ALL,
                        occurrence.value());
            }
            return new CountKey(slot.year(), slot.level(), slot.scope(), slot.measure(), statusOn(occurrence.date()).name(),
                    AgeBand.of(ageOn(birthDate, occurrence.date())).name(), occurrence.value());
        }

        private Map<Level, String> scopes(Occurrence occurrence) {
            Map<Level, String> scopes = new LinkedHashMap<>();
            scopes.put(Level.NATION, Level.NATION_CODE);
            if (occurrence.departement() != null) {
                String region = regionOf.apply(occurrence.departement());
                if (region != null) {
                    scopes.put(Level.REGION, region);
                }
                scopes.put(Level.DEPARTEMENT, occurrence.departement());
            }
            if (occurrence.missionLocale() != null && occurrence.measure().missionLocaleLevel()) {
                scopes.put(Level.MISSION_LOCALE, occurrence.missionLocale().toString());
            }
            return scopes;
        }

        private static UUID missionLocaleOf(StoredEvent step) {
            return UUID.fromString(step.recorderId());
        }

        /** The Mission Locale a step shared by both sides counts for: the one recording it, or the one the collectivity named. */
        private static UUID missionLocaleOf(StoredEvent step, UUID named) {
            return step.recorderKind() == OrganisationKind.MISSION_LOCALE ? missionLocaleOf(step) : named;
        }

        private static AseStatusBand placement(EventData.Placement placement) {
            return placement == EventData.Placement.ACCUEILLI ? AseStatusBand.ACCUEILLI : AseStatusBand.A_DOMICILE;
        }

        private static LocalDate later(LocalDate a, LocalDate b) {
            return a.isAfter(b) ? a : b;
        }

        private static LocalDate earlier(LocalDate a, LocalDate b) {
            return a.isBefore(b) ? a : b;
        }
    }
}
