package fr.passerelle.sharing;

import fr.passerelle.pathway.PathwayState;
import fr.passerelle.pathway.PathwaysChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Keeps the shares of each changed pathway in step with its state, in the writing transaction. */
@ApplicationScoped
public class ShareProjector {

    private final PathwayShareRepository shares;
    private final Clock clock;

    public ShareProjector(PathwayShareRepository shares, Clock clock) {
        this.shares = shares;
        this.clock = clock;
    }

    void onChange(@Observes PathwaysChanged changed) {
        List<PathwayShareRepository.Derived> rows = new ArrayList<>();
        for (PathwaysChanged.Change change : changed.changes()) {
            PathwayState state = change.after().state();
            for (PathwayState.MissionLocaleLink link : state.missionLocales()) {
                PathwayState.Diagnostic diagnostic = MissionLocaleVisibility.diagnostic(change.after(), link.missionLocaleId());
                rows.add(new PathwayShareRepository.Derived(link.missionLocaleId(), change.pathwayId(), link.share().name(),
                        link.solicitedOn(), link.shareEndedOn(), link.firstContactOn(), link.registeredOn(),
                        link.missionLocaleReference(), diagnostic == null ? null : diagnostic.completedOn(),
                        state.cej().status().name(), MissionLocaleVisibility.jointStepsToConfirm(state, link.missionLocaleId())));
            }
        }
        // A Mission Locale no longer linked at all (its solicitation retracted) has no share left to keep, active or ended;
        // only a pathway that lost a link can have one.
        shares.deleteUnlinked(changed.changes().stream().filter(ShareProjector::lostALink).map(PathwaysChanged.Change::pathwayId).toList(),
                rows);
        shares.upsert(rows, clock.instant());
    }

    private static boolean lostALink(PathwaysChanged.Change change) {
        if (change.before() == null) {
            return false;
        }
        Set<UUID> linked = new HashSet<>();
        change.after().state().missionLocales().forEach(link -> linked.add(link.missionLocaleId()));
        return change.before().missionLocales().stream().anyMatch(link -> !linked.contains(link.missionLocaleId()));
    }
}
