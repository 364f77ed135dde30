package fr.passerelle.platform.web;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logmanager.ExtLogRecord;

/**
 * The last guard of the log: whatever writes a URL to it (this service, Quarkus, Vert.x, a
 * library), the query string is cut off, as it may hold a young person's name or case reference.
 * The service itself never logs URLs; this filter is for what it does not control.
 */
@LoggingFilter(name = NoQueryStringsInLogs.NAME)
public final class NoQueryStringsInLogs implements Filter {

    public static final String NAME = "no-query-strings";
    static final String REMOVED = "?(query removed)";
    /** A path (something after a slash) directly followed by a query. */
    private static final Pattern QUERY = Pattern.compile("(/[^\\s?\"'<>]*)\\?[^\\s\"'<>]+");

    @Override
    public boolean isLoggable(LogRecord record) {
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        if (message != null && message.indexOf('?') >= 0) {
            String redacted = redact(message);
            if (!redacted.equals(message)) {
                if (record instanceof ExtLogRecord ext) {
                    ext.setMessage(redacted, ExtLogRecord.FormatStyle.NO_FORMAT);
                } else {
                    record.setMessage(redacted);
                }
                record.setParameters(null);
            }
        }
        return true;
    }

    static String redact(String text) {
        return QUERY.matcher(text).replaceAll(match -> Matcher.quoteReplacement(match.group(1) + REMOVED));
    }
}
