package fr.passerelle.platform.web;

import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a list; {@code nextCursor} is absent on the last page. */
public record Page<T>(
        @Schema(required = true, maxItems = MAX_ITEMS) List<T> items,
        @Schema(maxLength = Cursor.MAX_LENGTH, description = "Pass as `cursor` to get the next page; absent on the last page") String nextCursor) {

    /** No page holds more: lists are capped at 500 (passerelle.limits.max-page-size), the feed at 1,000. */
    public static final int MAX_ITEMS = 1000;

    /**
     * The page made of the rows of a keyset query asked for one row more than the page size: that
     * extra row, when it came, tells there is a next page, which starts after the page's last row.
     */
    public static <R, T> Page<T> of(List<R> rows, int limit, Function<R, T> item, Function<R, String> cursor) {
        boolean more = rows.size() > limit;
        List<R> page = more ? rows.subList(0, limit) : rows;
        return new Page<>(page.stream().map(item).toList(), more ? cursor.apply(page.get(page.size() - 1)) : null);
    }
}
