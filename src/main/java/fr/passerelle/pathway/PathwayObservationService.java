package fr.passerelle.pathway;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What observation work may read of the pathways of a year: for each pathway with a step that year,
 * its collectivity, its birth date and its effective steps of that year (retractions left out,
 * corrections applied), as types and dates only: never names, references, data or the Missions
 * Locales involved.
 */
@ApplicationScoped
public class PathwayObservationService {

    private static final int CHUNK = 500;

    /** A pathway as observation work sees it. */
    public record ObservedPathway(UUID id, String departementCode, LocalDate birthDate, List<ObservedStep> steps) {
    }

    /** One effective step: its catalogue type (e.g. {@code mission-locale.solicited.v1}) and the day it happened. */
    public record ObservedStep(String type, LocalDate occurredOn) {
    }

    private final EntityManager entityManager;
    private final PathwayEventRepository events;
    private final EventCodec codec;

    public PathwayObservationService(EntityManager entityManager, PathwayEventRepository events, EventCodec codec) {
        this.entityManager = entityManager;
        this.events = events;
        this.codec = codec;
    }

    /** Every pathway with at least one effective step in the year, with those steps, a chunk of pathways at a time. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<ObservedPathway> pathwaysOfYear(int year) {
        LocalDate first = LocalDate.of(year, 1, 1);
        LocalDate last = LocalDate.of(year, 12, 31);
        // A step of the year is an event of the year, or an event corrected by a correction dated in the year.
        List<Object[]> heads = entityManager.createNativeQuery("""
                select p.id, p.departement_code, p.birth_date from pathway p
                where exists (select 1 from pathway_event e where e.pathway_id = p.id and e.occurred_on between ?1 and ?2)
                order by p.id""", Object[].class).setParameter(1, first).setParameter(2, last).getResultList();
        List<ObservedPathway> observed = new ArrayList<>();
        for (int from = 0; from < heads.size(); from += CHUNK) {
            List<Object[]> chunk = heads.subList(from, Math.min(from + CHUNK, heads.size()));
            Map<UUID, List<PathwayEventRepository.Row>> rows = events.byPathways(chunk.stream().map(head -> (UUID) head[0]).toList());
            for (Object[] head : chunk) {
                UUID id = (UUID) head[0];
                LocalDate birthDate = head[2] instanceof Date date ? date.toLocalDate() : (LocalDate) head[2];
                List<StoredEvent> all = codec.decode(rows.getOrDefault(id, List.of()));
                List<ObservedStep> steps = PathwayFold.effectiveSteps(all).stream()
                        .filter(step -> isStep(step.type()) && !step.occurredOn().isBefore(first) && !step.occurredOn().isAfter(last))
                        .map(step -> new ObservedStep(step.type().typeName(), step.occurredOn())).toList();
                if (!steps.isEmpty()) {
                    observed.add(new ObservedPathway(id, (String) head[1], birthDate, steps));
                }
            }
        }
        return observed;
    }

    /** Steps of the pathway itself: neither annotations (confirmations, corrections, references, rectifications) nor system events. */
    private static boolean isStep(EventType type) {
        return type.step() != EventType.Step.ANNOTATION && type.step() != EventType.Step.SYSTEM;
    }
}
