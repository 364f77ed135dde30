package fr.passerelle.platform.database;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows for PostgreSQL's COPY, in its text format, sent over the connection of the current
 * transaction. The write path stores its rows this way: no array parameter to encode in the JVM
 * and parse again in the server, and the server's bulk-insert path. Values are written in column
 * order; {@code null} is {@code \N}, and backslash, tab, newline and carriage return are escaped.
 */
public final class CopyRows {

    /** Below this many rows, an ordinary statement costs less than the COPY round trips. */
    public static final int THRESHOLD = 16;

    private final StringBuilder text;
    private boolean first = true;
    private int rows;

    public CopyRows(int expectedRows) {
        this.text = new StringBuilder(Math.max(256, expectedRows * 256));
    }

    public CopyRows add(Object value) {
        if (!first) {
            text.append('\t');
        }
        first = false;
        if (value == null) {
            text.append("\\N");
            return this;
        }
        String string = value.toString();
        for (int i = 0; i < string.length(); i++) {
            char c = string.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
        return this;
    }

    public CopyRows endRow() {
        text.append('\n');
        first = true;
        rows++;
        return this;
    }

    public int rows() {
        return rows;
    }

    /**
     * Copies the rows into {@code target} ("table (column, ...)") on the given connection, which
     * must be the one of the current transaction (a pooled wrapper is unwrapped to the driver's).
     * Returns the rows written.
     */
    public long copyInto(Connection connection, String target) throws SQLException {
        if (rows == 0) {
            return 0;
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("copy " + target + " from stdin");
        try {
            copy.writeToCopy(bytes, 0, bytes.length);
            return copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }
}
