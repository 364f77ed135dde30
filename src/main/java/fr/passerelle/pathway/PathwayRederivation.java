package fr.passerelle.pathway;

import fr.passerelle.platform.database.DeferredWrites;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Derives pathways again from their events after a derivation rule changed, as a write would:
 * state and list columns, then everything that follows a change (shares, feed notices, webhooks,
 * indicator counts), with the state stored before as the state before. The events are untouched.
 * A migration that changes a rule leaves a marker; the first instance to start takes it, in the
 * transaction that derives, so that an instance dying midway leaves it for the next one.
 */
@ApplicationScoped
public class PathwayRederivation {

    private static final Logger LOG = Logger.getLogger(PathwayRederivation.class);
    private static final int HOUR = 3600;
    private static final int PAGE = 500;

    private final EntityManager entityManager;
    private final PathwayRepository pathways;
    private final PathwayEventRepository events;
    private final EventCodec codec;
    private final Event<PathwaysChanged> changed;
    private final Clock clock;
    private final DeferredWrites deferred;

    public PathwayRederivation(EntityManager entityManager, PathwayRepository pathways, PathwayEventRepository events, EventCodec codec,
            Event<PathwaysChanged> changed, Clock clock, DeferredWrites deferred) {
        this.entityManager = entityManager;
        this.deferred = deferred;
        this.pathways = pathways;
        this.events = events;
        this.codec = codec;
        this.changed = changed;
        this.clock = clock;
    }

    /** Since V14, a transfer ends the shares the former owner solicited: the pathways transferred before are derived again. */
    @Transactional
    @TransactionConfiguration(timeout = HOUR)
    void rederiveIfRequired(@Observes StartupEvent startup) {
        if (entityManager.createNativeQuery("delete from pathway_maintenance where name = 'rederive-transferred'").executeUpdate() == 0) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<UUID> transferred = entityManager.createNativeQuery(
                "select distinct pathway_id from pathway_event where type = ?1 order by pathway_id", UUID.class)
                .setParameter(1, EventType.PATHWAY_TRANSFERRED.typeName()).getResultList();
        for (int from = 0; from < transferred.size(); from += PAGE) {
            rederive(transferred.subList(from, Math.min(from + PAGE, transferred.size())));
        }
        LOG.infof("%d transferred pathways derived again", transferred.size());
    }

    /** Derives the pathways again, locked as a write locks them; must run in a transaction. */
    void rederive(List<UUID> ids) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<PathwayHead> heads = pathways.lockHeads(ids, null, List.of());
        Map<UUID, List<PathwayEventRepository.Row>> rows = events.byPathways(ids);
        List<PathwayRepository.Derived> derived = new ArrayList<>();
        List<PathwaysChanged.Change> changes = new ArrayList<>();
        for (PathwayHead head : heads) {
            List<StoredEvent> all = codec.decode(rows.getOrDefault(head.id(), List.of()));
            PathwayHistory history = PathwayHistory.of(head.id(), head.birthDate(), all);
            PathwayState before = codec.decode(pathways.findById(head.id()).state, PathwayState.class);
            derived.add(PathwayDerivation.derive(head.id(), history.state(), all.size(), codec.encode(history.state()),
                    all.stream().map(StoredEvent::occurredOn).max(Comparator.naturalOrder()).orElse(null)));
            changes.add(new PathwaysChanged.Change(before, history, List.of()));
        }
        pathways.updateDerived(derived, now);
        changed.fire(new PathwaysChanged(changes));
        deferred.flush();
    }
}
