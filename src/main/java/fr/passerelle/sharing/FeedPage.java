package fr.passerelle.sharing;

import fr.passerelle.platform.web.Cursor;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "FeedPage")
public record FeedPage(
        @Schema(maxItems = 1000, required = true, description = "Entries after the cursor, oldest first") List<FeedEntry> items,
        @Schema(maxLength = Cursor.MAX_LENGTH, required = true, description = "Pass as `after` for the next page. With nothing new, the same cursor, renewed once a day so that a reader polling a quiet feed never outlives the retention") String nextCursor) {
}
