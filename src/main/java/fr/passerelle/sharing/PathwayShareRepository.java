package fr.passerelle.sharing;

import fr.passerelle.platform.database.DeferredWrites;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class PathwayShareRepository implements PanacheRepositoryBase<PathwayShare, PathwayShare.Key> {

    private final DeferredWrites deferred;

    public PathwayShareRepository(DeferredWrites deferred) {
        this.deferred = deferred;
    }

    /** A share as derived from a pathway's state. */
    record Derived(UUID missionLocaleId, UUID pathwayId, String status, LocalDate solicitedOn, LocalDate endedOn,
            LocalDate firstContactOn, LocalDate registeredOn, String reference, LocalDate diagnosticOn, String cejStatus,
            int jointStepsToConfirm) {
    }

    /**
     * Writes the shares of a batch of pathways in one statement; a share that did not change is
     * left as it is (no new row version), and its {@code updated_at} tells when it last changed.
     */
    void upsert(List<Derived> shares, Instant now) {
        if (shares.isEmpty()) {
            return;
        }
        deferred.defer("""
                    insert into pathway_share (mission_locale_id, pathway_id, status, solicited_on, ended_on, first_contact_on,
                        registered_on, mission_locale_reference, diagnostic_on, cej_status, joint_steps_to_confirm, updated_at)
                    select t.ml, t.pathway, t.status, t.solicited_on::date, t.ended_on::date, t.first_contact_on::date,
                        t.registered_on::date, t.reference, t.diagnostic_on::date, t.cej_status, t.joint, ?
                    from unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                        ?::text[], ?::int[])
                        as t(ml, pathway, status, solicited_on, ended_on, first_contact_on, registered_on, reference, diagnostic_on,
                             cej_status, joint)
                    on conflict (mission_locale_id, pathway_id) do update set status = excluded.status,
                        solicited_on = excluded.solicited_on, ended_on = excluded.ended_on,
                        first_contact_on = excluded.first_contact_on, registered_on = excluded.registered_on,
                        mission_locale_reference = excluded.mission_locale_reference, diagnostic_on = excluded.diagnostic_on,
                        cej_status = excluded.cej_status, joint_steps_to_confirm = excluded.joint_steps_to_confirm,
                        updated_at = excluded.updated_at
                    where (pathway_share.status, pathway_share.solicited_on, pathway_share.ended_on, pathway_share.first_contact_on,
                            pathway_share.registered_on, pathway_share.mission_locale_reference, pathway_share.diagnostic_on,
                            pathway_share.cej_status, pathway_share.joint_steps_to_confirm)
                        is distinct from (excluded.status, excluded.solicited_on, excluded.ended_on, excluded.first_contact_on,
                            excluded.registered_on, excluded.mission_locale_reference, excluded.diagnostic_on, excluded.cej_status,
                            excluded.joint_steps_to_confirm)""", connection -> List.of(Timestamp.from(now),
                connection.createArrayOf("uuid", shares.stream().map(Derived::missionLocaleId).toArray()),
                connection.createArrayOf("uuid", shares.stream().map(Derived::pathwayId).toArray()),
                connection.createArrayOf("text", shares.stream().map(Derived::status).toArray()),
                connection.createArrayOf("text", shares.stream().map(s -> text(s.solicitedOn())).toArray()),
                connection.createArrayOf("text", shares.stream().map(s -> text(s.endedOn())).toArray()),
                connection.createArrayOf("text", shares.stream().map(s -> text(s.firstContactOn())).toArray()),
                connection.createArrayOf("text", shares.stream().map(s -> text(s.registeredOn())).toArray()),
                connection.createArrayOf("text", shares.stream().map(Derived::reference).toArray()),
                connection.createArrayOf("text", shares.stream().map(s -> text(s.diagnosticOn())).toArray()),
                connection.createArrayOf("text", shares.stream().map(Derived::cejStatus).toArray()),
                connection.createArrayOf("integer", shares.stream().map(Derived::jointStepsToConfirm).toArray())));
    }

    /**
     * Removes the shares of these pathways with the Missions Locales they are no longer linked to (a
     * solicitation retracted, or corrected to name another); {@code kept} holds every share they still have.
     */
    void deleteUnlinked(List<UUID> pathways, List<Derived> kept) {
        if (pathways.isEmpty()) {
            return;
        }
        deferred.defer("""
                delete from pathway_share s where s.pathway_id = any(?::uuid[]) and not exists (
                    select 1 from unnest(?::uuid[], ?::uuid[]) as k(ml, pathway)
                    where k.ml = s.mission_locale_id and k.pathway = s.pathway_id)""", connection -> List.of(
                connection.createArrayOf("uuid", pathways.toArray()),
                connection.createArrayOf("uuid", kept.stream().map(Derived::missionLocaleId).toArray()),
                connection.createArrayOf("uuid", kept.stream().map(Derived::pathwayId).toArray())));
    }

    private static String text(LocalDate date) {
        return date == null ? null : date.toString();
    }
}
