package fr.passerelle.sharing;

import fr.passerelle.pathway.EventView;
import fr.passerelle.pathway.PathwayState;
import java.time.Instant;
import java.time.LocalDate;
import fr.passerelle.platform.web.Cursor;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One entry of the change feed, as documented in the contract; entries are written and served as JSON text. */
@Schema(name = "FeedEntry", description = "An event the organisation may see, or a notice that a share started or ended.")
public record FeedEntry(
        @Schema(maxLength = Cursor.MAX_LENGTH, required = true, description = "Position of this entry; pass it as `after` to read what follows") String cursor,
        @Schema(required = true) Kind kind,
        @Schema(required = true) UUID pathwayId,
        @Schema(required = true) Instant recordedAt,
        @Schema(description = "For EVENT: the event, as the organisation may see it") EventView event,
        @Schema(description = "For SHARE_STARTED and SHARE_ENDED (Missions Locales)") ShareNotice share) {

    @Schema(name = "FeedEntryKind")
    public enum Kind {
        EVENT,
        SHARE_STARTED,
        SHARE_ENDED
    }

    @Schema(name = "ShareNotice")
    public record ShareNotice(
            @Schema(required = true) PathwayState.ShareStatus status,
            @Schema(required = true) LocalDate solicitedOn,
            LocalDate endedOn) {
    }
}
