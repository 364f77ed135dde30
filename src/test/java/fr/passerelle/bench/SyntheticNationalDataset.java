package fr.passerelle.bench;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * A synthetic national dataset for benchmarks, written straight to the tables with COPY: the 103
 * collectivities of the reference data, 436 Missions Locales, and young people (aged 16 to 20
 * today, as registration requires) whose events follow the event model: registration
 * (pathway.opened), ASE support and its changes and end, consent, solicitations, first contacts,
 * registrations, 17-year interviews (half of them in binôme, most confirmed by the Mission Locale,
 * a few disputed), orientation diagnostics, autonomy projects (joint or not), CEJ proposals, entries
 * and exits, rights information, fragility assessments, eligibility checks, transfers, corrections
 * and retractions. Every date is a real calendar date within the age rules and never in the
 * future. Rates are plausible, not official statistics.
 * <p>
 * Test code only: nothing in the application can call it. The counts are then built by a
 * from-scratch recomputation ({@code IndicatorRecomputationService.rebuild()}).
 */
final class SyntheticNationalDataset {

    static final int MISSIONS_LOCALES = 436;
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final int CHUNK = 2000;

    /** What was written. */
    record Summary(int departements, int missionsLocales, long youngPeople, long events) {
    }

    private final DataSource dataSource;
    private final Random random;
    private final LocalDate today = LocalDate.now(PARIS);
    private final Instant now = Instant.now();
    private long seq;
    private long ids;

    SyntheticNationalDataset(DataSource dataSource, long seed) {
        this.dataSource = dataSource;
        this.random = new Random(seed);
    }

    Summary generate(int youngPeople) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            List<String> departements = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("select code from departement order by code")) {
                while (rows.next()) {
                    departements.add(rows.getString(1));
                }
            }
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("select coalesce(max(seq), 0) from pathway_event")) {
                rows.next();
                seq = rows.getLong(1) + 1_000_000;
            }
            // Sizes: a few large collectivities, many small ones.
            double[] weight = new double[departements.size()];
            double sum = 0;
            for (int i = 0; i < weight.length; i++) {
                weight[i] = Math.exp(random.nextGaussian() * 0.8);
                sum += weight[i];
            }
            List<List<UUID>> missionsLocales = insertMissionsLocales(connection, departements, weight, sum);
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            long events = 0;
            StringBuilder pathwayRows = new StringBuilder();
            StringBuilder eventRows = new StringBuilder();
            for (int i = 0; i < youngPeople; i++) {
                int d = pick(weight, sum);
                events += youngPerson(departements, d, missionsLocales, pathwayRows, eventRows);
                if ((i + 1) % CHUNK == 0 || i == youngPeople - 1) {
                    copy(copy, "pathway (id, departement_code, case_reference, birth_date, version, state, ase_status, cej_status, "
                            + "consent_status, created_at, updated_at)", pathwayRows);
                    copy(copy, "pathway_event (id, seq, pathway_id, type, occurred_on, recorded_at, recorder_kind, recorder_id, "
                            + "recorder_subject, source, source_id, target_event_id, data)", eventRows);
                    pathwayRows.setLength(0);
                    eventRows.setLength(0);
                }
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("select setval('pathway_event_seq', " + (seq + 1) + ")");
            }
            connection.commit();
            try (Statement statement = connection.createStatement()) {
                statement.execute("analyze pathway");
                statement.execute("analyze pathway_event");
            }
            return new Summary(departements.size(), MISSIONS_LOCALES, youngPeople, events);
        }
    }

    private List<List<UUID>> insertMissionsLocales(Connection connection, List<String> departements, double[] weight, double sum)
            throws SQLException {
        List<List<UUID>> byDepartement = new ArrayList<>();
        int[] count = new int[departements.size()];
        for (int i = 0; i < count.length; i++) {
            count[i] = 1;
        }
        for (int i = departements.size(); i < MISSIONS_LOCALES; i++) {
            count[pick(weight, sum)]++;
        }
        try (PreparedStatement statement = connection.prepareStatement("""
                insert into mission_locale (id, name, siret, departement_code, regional_association, active, version, created_at, updated_at)
                values (?, ?, ?, ?, ?, true, 0, ?, ?)""")) {
            int n = 0;
            for (int i = 0; i < departements.size(); i++) {
                List<UUID> ids = new ArrayList<>();
                for (int k = 0; k < count[i]; k++) {
                    UUID id = UUID.randomUUID();
                    ids.add(id);
                    statement.setObject(1, id);
                    statement.setString(2, "Mission Locale synthétique " + departements.get(i) + "-" + (k + 1));
                    statement.setString(3, String.format("9%013d", 7_000_000_000L + n++ + random.nextInt(1000) * 1_000_000L));
                    statement.setString(4, departements.get(i));
                    statement.setString(5, "ARML synthétique");
                    statement.setTimestamp(6, Timestamp.from(now));
                    statement.setTimestamp(7, Timestamp.from(now));
                    statement.addBatch();
                }
                byDepartement.add(ids);
            }
            statement.executeBatch();
        }
        return byDepartement;
    }

    /** Writes one young person's pathway and events; returns the number of events. */
    private int youngPerson(List<String> departements, int d, List<List<UUID>> missionsLocales, StringBuilder pathways,
            StringBuilder events) {
        UUID pathway = nextId();
        LocalDate born = today.minusYears(16).minusDays(1 + random.nextInt(5 * 365 - 2));
        LocalDate sixteen = born.plusYears(16);
        String owner = departements.get(d);
        List<UUID> local = missionsLocales.get(d);
        Writer w = new Writer(pathway, events);
        LocalDate opened = between(sixteen, today);
        w.add("pathway.opened.v1", opened, "DEPARTEMENT", owner, null, "{}");
        boolean placed = random.nextInt(10) < 7;
        LocalDate aseStart = born.plusYears(8 + random.nextInt(8)).plusDays(random.nextInt(365));
        w.add("ase.support-started.v1", aseStart, "DEPARTEMENT", owner, null, ase(placed));
        for (int k = random.nextInt(3); k > 0; k--) {
            w.add("ase.support-changed.v1", between(aseStart, today), "DEPARTEMENT", owner, null, ase(random.nextBoolean()));
        }
        w.add("consent.recorded.v1", opened, "DEPARTEMENT", owner, null, "{}");
        // The key date of the pathway with the Mission Locale: most young people are solicited.
        LocalDate solicited = between(sixteen, today.minusDays(20));
        if (solicited.isAfter(today)) {
            solicited = today;
        }
        UUID ml = local.get(random.nextInt(local.size()));
        int solicitations = random.nextInt(100) < 82 ? 1 + (random.nextInt(100) < 15 ? 1 : 0) : 0;
        UUID solicitation = null;
        for (int k = 0; k < solicitations; k++) {
            UUID target = k == 0 ? ml : local.get(random.nextInt(local.size()));
            solicitation = w.add("mission-locale.solicited.v1", k == 0 ? solicited : between(solicited, today), "DEPARTEMENT", owner,
                    null, "{\"missionLocaleId\":\"" + target + "\"}");
        }
        String transferredTo = null;
        LocalDate transferredOn = null;
        if (random.nextInt(100) < 2) {
            transferredTo = departements.get(random.nextInt(departements.size()));
            if (!transferredTo.equals(owner)) {
                transferredOn = between(opened, today);
            } else {
                transferredTo = null;
            }
        }
        if (solicitations > 0) {
            LocalDate contact = null;
            if (random.nextInt(100) < 85) {
                contact = earliest(solicited.plusDays((long) (-Math.log(1 - random.nextDouble()) * 14)), today);
                w.add("mission-locale.first-contact.v1", contact, "MISSION_LOCALE", ml.toString(), null, "{\"channel\":\"PHONE\"}");
            }
            if (contact != null && random.nextInt(100) < 75) {
                LocalDate registered = earliest(contact.plusDays(random.nextInt(30)), today);
                UUID registration = w.add("mission-locale.registered.v1", registered, "MISSION_LOCALE", ml.toString(), null, "{}");
                if (random.nextInt(100) < 2) {
                    w.add("event.corrected.v1", earliest(registered.plusDays(3), today), "MISSION_LOCALE", ml.toString(), registration, "{}");
                }
                if (random.nextInt(100) < 55) {
                    w.add("orientation-diagnostic.completed.v1", earliest(registered.plusDays(random.nextInt(60)), today),
                            "MISSION_LOCALE", ml.toString(), null, "{\"duringReview\":false}");
                }
                if (random.nextInt(100) < 45) {
                    LocalDate proposed = earliest(registered.plusDays(random.nextInt(90)), today);
                    boolean accepted = random.nextInt(100) < 45;
                    w.add("cej.proposed.v1", proposed, "MISSION_LOCALE", ml.toString(), null,
                            accepted ? "{\"decision\":\"ACCEPTED\"}" : "{\"decision\":\"REFUSED\",\"refusalReason\":\"IN_EDUCATION_OR_TRAINING\"}");
                    if (accepted) {
                        LocalDate started = earliest(proposed.plusDays(random.nextInt(40)), today);
                        w.add("cej.started.v1", started, "MISSION_LOCALE", ml.toString(), null, "{}");
                        LocalDate ended = started.plusDays(180 + random.nextInt(200));
                        if (!ended.isAfter(today)) {
                            w.add("cej.ended.v1", ended, "MISSION_LOCALE", ml.toString(), null, "{\"outcome\":\"EMPLOYMENT\"}");
                        }
                    }
                }
            }
            LocalDate interview = earliest(later(born.plusYears(17).minusDays(random.nextInt(120)), sixteen), today);
            if (random.nextInt(100) < 65) {
                boolean binome = random.nextInt(100) < 55;
                UUID review = w.add("review.held.v1", interview, "DEPARTEMENT", owner, null, binome
                        ? "{\"participants\":[\"YOUNG_PERSON\",\"DEPARTEMENT_WORKER\",\"MISSION_LOCALE_COUNSELLOR\"],\"missionLocaleId\":\""
                                + ml + "\",\"renewal\":false}"
                        : "{\"participants\":[\"YOUNG_PERSON\",\"DEPARTEMENT_WORKER\"],\"renewal\":false}");
                int outcome = random.nextInt(100);
                if (binome && outcome < 80) {
                    w.add("joint-step.confirmed.v1", earliest(interview.plusDays(random.nextInt(20)), today), "MISSION_LOCALE",
                            ml.toString(), review, "{\"eventId\":\"" + review + "\"}");
                } else if (binome && outcome < 83) {
                    w.add("joint-step.disputed.v1", earliest(interview.plusDays(random.nextInt(20)), today), "MISSION_LOCALE",
                            ml.toString(), review, "{\"eventId\":\"" + review + "\",\"reason\":\"DID_NOT_TAKE_PART\"}");
                }
            }
            if (random.nextInt(100) < 40) {
                boolean joint = random.nextInt(100) < 60;
                LocalDate elaborated = earliest(interview.plusDays(random.nextInt(120)), today);
                UUID project = w.add("autonomy-project.recorded.v1", elaborated, "DEPARTEMENT", owner, null,
                        "{\"kind\":\"ELABORATED\",\"joint\":" + joint + (joint ? ",\"missionLocaleId\":\"" + ml + "\"" : "")
                                + ",\"domains\":[\"HOUSING\",\"TRAINING\",\"RESOURCES\"]}");
                if (joint && random.nextInt(100) < 75) {
                    w.add("joint-step.confirmed.v1", earliest(elaborated.plusDays(random.nextInt(20)), today), "MISSION_LOCALE",
                            ml.toString(), project, "{\"eventId\":\"" + project + "\"}");
                }
            }
            if (random.nextInt(100) < 1 && solicitation != null) {
                w.add("event.retracted.v1", today, "DEPARTEMENT", owner, solicitation,
                        "{\"eventId\":\"" + solicitation + "\",\"reason\":\"DUPLICATE\"}");
            }
        }
        LocalDate majority = born.plusYears(18);
        if (!majority.isAfter(today) && random.nextInt(100) < 45) {
            w.add("ase.support-ended.v1", between(majority, earliest(majority.plusYears(2), today)), "DEPARTEMENT", owner, null,
                    "{\"exitReason\":\"MAJORITY\"}");
        }
        // The everyday steps that make most of the volume.
        for (int k = 6 + random.nextInt(15); k > 0; k--) {
            w.add("rights.information-given.v1", between(sixteen, today), "DEPARTEMENT", owner, null, "{\"topics\":[\"HOUSING\",\"HEALTH\"]}");
        }
        for (int k = 3 + random.nextInt(6); k > 0; k--) {
            w.add("fragility.assessed.v1", between(sixteen, today), "DEPARTEMENT", owner, null, "{\"criteria\":[\"HOUSING\"]}");
        }
        for (int k = 2 + random.nextInt(4); k > 0; k--) {
            w.add("eligibility.checked.v1", between(sixteen, today), "DEPARTEMENT", owner, null,
                    "{\"schemes\":[{\"scheme\":\"CEJ\",\"eligible\":true}]}");
        }
        String current = owner;
        if (transferredTo != null) {
            w.add("pathway.transferred.v1", transferredOn, "DEPARTEMENT", owner, null, "{\"toDepartementCode\":\"" + transferredTo + "\"}");
            current = transferredTo;
        }
        pathways.append(pathway).append(',').append(current).append(",SYN-").append(pathway).append(',').append(born).append(',')
                .append(w.count).append(",{},UNKNOWN,NOT_PROPOSED,GIVEN,").append(now).append(',').append(now).append('\n');
        return w.count;
    }

    /** Appends event rows in COPY csv format; corrections repeat their target's data. */
    private final class Writer {
        private final UUID pathway;
        private final StringBuilder out;
        private final Map<UUID, String> data = new HashMap<>();
        int count;

        Writer(UUID pathway, StringBuilder out) {
            this.pathway = pathway;
            this.out = out;
        }

        UUID add(String type, LocalDate on, String kind, String recorder, UUID target, String json) {
            UUID id = nextId();
            String payload = type.equals("event.corrected.v1") ? data.get(target) : json;
            data.put(id, payload);
            out.append(id).append(',').append(seq++).append(',').append(pathway).append(',').append(type).append(',').append(on)
                    .append(',').append(now).append(',').append(kind).append(',').append(recorder).append(",synthetic,")
                    .append("urn:passerelle:synthetic,").append(id).append(',').append(target == null ? "" : target.toString())
                    .append(",\"").append(payload.replace("\"", "\"\"")).append("\"\n");
            count++;
            return id;
        }
    }

    /** Time-ordered ids (UUID version 7 layout), as many systems issue them: indexes fill in order. */
    private UUID nextId() {
        long counter = ids++;
        long millis = now.toEpochMilli() + counter / 4096;
        long high = millis << 16 | 0x7000L | counter % 4096;
        long low = 0x8000000000000000L | random.nextLong() & 0x3FFFFFFFFFFFFFFFL;
        return new UUID(high, low);
    }

    private static void copy(CopyManager copy, String table, StringBuilder rows) {
        try {
            copy.copyIn("copy " + table + " from stdin with (format csv)", new StringReader(rows.toString()));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String ase(boolean placed) {
        return "{\"placement\":\"" + (placed ? "ACCUEILLI" : "A_DOMICILE") + "\",\"measure\":\"" + (random.nextBoolean() ? "JUDICIAL"
                : "ADMINISTRATIVE") + "\",\"youngAdultContract\":false}";
    }

    private LocalDate between(LocalDate from, LocalDate to) {
        long days = to.toEpochDay() - from.toEpochDay();
        return days <= 0 ? from : from.plusDays(random.nextInt((int) days + 1));
    }

    private static LocalDate earliest(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private int pick(double[] weight, double sum) {
        double target = random.nextDouble() * sum;
        for (int i = 0; i < weight.length; i++) {
            target -= weight[i];
            if (target <= 0) {
                return i;
            }
        }
        return weight.length - 1;
    }
}
