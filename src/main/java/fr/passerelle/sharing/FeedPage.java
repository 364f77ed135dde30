package fr.passerelle.sharing;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "FeedPage")
public record FeedPage(
        @Schema(required = true, description = "Entries after the cursor, oldest first") List<FeedEntry> items,
        @Schema(required = true, description = "Pass as `after` for the next page. With nothing new, the same cursor, renewed once a day so that a reader polling a quiet feed never outlives the retention") String nextCursor) {
}
