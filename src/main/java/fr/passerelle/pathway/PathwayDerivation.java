package fr.passerelle.pathway;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

/** The columns that lists and searches filter on, taken from a folded state. */
final class PathwayDerivation {

    private PathwayDerivation() {
    }

    static PathwayRepository.Derived derive(UUID id, PathwayState state, long version, String stateJson, LocalDate lastEventOn) {
        return new PathwayRepository.Derived(id, state.departementCode(), version, stateJson,
                state.ase().status().name(), state.cej().status().name(), state.consent().status().name(),
                earliest(state.missionLocales().stream().map(PathwayState.MissionLocaleLink::solicitedOn)),
                earliest(state.missionLocales().stream().map(PathwayState.MissionLocaleLink::firstContactOn)),
                earliest(state.missionLocales().stream().map(PathwayState.MissionLocaleLink::registeredOn)),
                earliest(state.reviews().stream().filter(PathwayState.Review::binome).map(PathwayState.Review::heldOn)),
                state.orientationDiagnostic() == null ? null : state.orientationDiagnostic().completedOn(),
                state.autonomyProject() == null ? null : state.autonomyProject().elaboratedOn(),
                state.cej().proposedOn(), lastEventOn, state.ase().endedOn());
    }

    private static LocalDate earliest(Stream<LocalDate> dates) {
        return dates.filter(Objects::nonNull).min(Comparator.naturalOrder()).orElse(null);
    }
}
