package fr.passerelle.support;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;

/**
 * Captures every log record from its creation to its closing, with the given categories lowered to
 * DEBUG meanwhile, so that a test can assert what the service never writes to its log.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final List<LogRecord> records = new ArrayList<>();
    private final Logger root = Logger.getLogger("");
    private final Map<Logger, Level> previousLevels = new HashMap<>();

    public LogCapture(List<String> debugCategories) {
        setLevel(Level.ALL);
        for (String category : debugCategories) {
            Logger logger = Logger.getLogger(category);
            previousLevels.put(logger, logger.getLevel());
            logger.setLevel(Level.FINE);
        }
        root.addHandler(this);
    }

    public LogCapture() {
        this(List.of());
    }

    @Override
    public void publish(LogRecord record) {
        synchronized (records) {
            records.add(record);
        }
    }

    public List<LogRecord> records() {
        synchronized (records) {
            return List.copyOf(records);
        }
    }

    /** The records whose rendering holds the text. */
    public List<String> renderedHolding(String text) {
        return records().stream().map(LogCapture::rendered).filter(rendered -> rendered.contains(text)).toList();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        root.removeHandler(this);
        previousLevels.forEach(Logger::setLevel);
    }

    /** The record as any handler could write it: message with its parameters, the parameters themselves, the thrown chain. */
    public static String rendered(LogRecord record) {
        StringBuilder text = new StringBuilder(record.getLoggerName() + ": ");
        text.append(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
        if (record.getParameters() != null) {
            for (Object parameter : record.getParameters()) {
                text.append('\n').append(parameter);
            }
        }
        if (record instanceof ExtLogRecord ext) {
            text.append('\n').append(ext.getMdcCopy());
        }
        for (Throwable thrown = record.getThrown(); thrown != null; thrown = thrown.getCause()) {
            text.append('\n').append(thrown);
            for (Throwable suppressed : thrown.getSuppressed()) {
                text.append('\n').append(suppressed);
            }
        }
        return text.toString();
    }
}
