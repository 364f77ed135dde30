package fr.passerelle.pathway;

import fr.passerelle.platform.web.Cursor;
import fr.passerelle.platform.web.Page;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Where a page of a timeline ends: events are in the order they happened (date, then the order they
 * were recorded). A timeline is read whole, since each event's status depends on the corrections
 * and retractions of it wherever they are; only the page is rendered.
 */
public record TimelineCursor(LocalDate occurredOn, long seq) {

    String encode() {
        return Cursor.encode(occurredOn.toString(), Long.toString(seq));
    }

    static TimelineCursor decode(String cursor) {
        List<String> keys = Cursor.decode(cursor, 2);
        try {
            return new TimelineCursor(LocalDate.parse(keys.get(0)), Long.parseLong(keys.get(1)));
        } catch (RuntimeException e) {
            throw Cursor.invalid("cursor");
        }
    }

    private boolean precedes(LocalDate date, long sequence) {
        return date.isAfter(occurredOn) || (date.equals(occurredOn) && sequence > seq);
    }

    /** The page of {@code ordered} (sorted by date, then sequence) after {@code cursor}, rendered by {@code view}. */
    public static <R> Page<EventView> page(List<R> ordered, String cursor, int limit, Function<R, LocalDate> date, ToLongFunction<R> seq,
            Function<R, EventView> view) {
        int start = 0;
        if (cursor != null) {
            TimelineCursor after = decode(cursor);
            while (start < ordered.size() && !after.precedes(date.apply(ordered.get(start)), seq.applyAsLong(ordered.get(start)))) {
                start++;
            }
        }
        List<R> rows = ordered.subList(start, Math.min(ordered.size(), start + limit + 1));
        return Page.of(rows, limit, view, row -> new TimelineCursor(date.apply(row), seq.applyAsLong(row)).encode());
    }
}
