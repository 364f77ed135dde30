package fr.passerelle.platform.web;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Values of native query results, whose Java type depends on the driver and Hibernate's mapping. */
public final class SqlValues {

    private SqlValues() {
    }

    /** A timestamptz column as an instant, or null. */
    public static Instant instant(Object value) {
        if (value == null || value instanceof Instant) {
            return (Instant) value;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }
}
