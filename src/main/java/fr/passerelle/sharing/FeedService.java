package fr.passerelle.sharing;

import fr.passerelle.audit.AuditService;
import fr.passerelle.platform.PasserelleConfig;
import fr.passerelle.platform.audit.AuditScope;
import fr.passerelle.platform.problem.ApiException;
import fr.passerelle.platform.problem.ProblemType;
import fr.passerelle.platform.security.Caller;
import fr.passerelle.platform.security.Role;
import fr.passerelle.platform.web.Cursor;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Reads the change feed of the calling organisation. A cursor is the position of the last entry
 * read; entries are kept for the configured retention, after which an old cursor is refused with
 * 410 so that the reader knows it must resynchronise from the pathways themselves.
 */
@ApplicationScoped
public class FeedService {

    private static final Logger LOG = Logger.getLogger(FeedService.class);
    private static final String START_TX = "0";

    private final FeedEntryRepository feed;
    private final AuditService audit;
    private final PasserelleConfig config;
    private final Clock clock;

    public FeedService(FeedEntryRepository feed, AuditService audit, PasserelleConfig config, Clock clock) {
        this.audit = audit;
        this.feed = feed;
        this.config = config;
        this.clock = clock;
    }

    /** A page of entries as JSON text, served without re-encoding: the entries were rendered when written. */
    public record RenderedPage(String json, String nextCursor, boolean empty) {
    }

    @Transactional
    public RenderedPage page(Caller caller, String after, int limit, AuditScope.Snapshot scope) {
        if (!caller.is(Role.DEPARTEMENT) && !caller.is(Role.MISSION_LOCALE)) {
            throw ApiException.forbidden("Only départements and Missions Locales have a change feed.");
        }
        String txId = START_TX;
        long seq = 0;
        if (after != null) {
            List<String> keys = Cursor.decode(after, 3, "after");
            try {
                txId = String.valueOf(Long.parseUnsignedLong(keys.get(0)));
                seq = Long.parseLong(keys.get(1));
                Instant written = Instant.ofEpochSecond(Long.parseLong(keys.get(2)));
                if (written.isBefore(clock.instant().minus(config.feed().retention()))) {
                    throw new ApiException(ProblemType.GONE, "This cursor is older than the feed's retention ("
                            + config.feed().retention() + "): read the shared pathways again, then follow the feed from now on.");
                }
            } catch (NumberFormatException e) {
                throw Cursor.invalid("after");
            }
        }
        List<FeedEntryRepository.Entry> entries = feed.after(caller.organisationId(), txId, seq, limit);
        if (!entries.isEmpty()) {
            audit.record(caller, AuditService.Operation.FEED, entries.stream().map(FeedEntryRepository.Entry::pathwayId).toList(), scope);
        }
        StringBuilder json = new StringBuilder(entries.size() * 512 + 64).append("{\"entries\":[");
        String next = after;
        for (int i = 0; i < entries.size(); i++) {
            FeedEntryRepository.Entry entry = entries.get(i);
            next = Cursor.encode(entry.txId(), Long.toString(entry.seq()), Long.toString(entry.recordedAt().getEpochSecond()));
            if (i > 0) {
                json.append(',');
            }
            // Entries are stored as JSON objects without their cursor, which goes first.
            json.append("{\"cursor\":\"").append(next).append("\",").append(entry.payload(), 1, entry.payload().length());
        }
        if (next == null) {
            next = Cursor.encode(START_TX, "0", Long.toString(clock.instant().getEpochSecond()));
        }
        json.append("],\"nextCursor\":\"").append(next).append("\"}");
        return new RenderedPage(json.toString(), next, entries.isEmpty());
    }

    /** Forgets entries past the retention; a plain delete, so every replica may run it. */
    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void purge() {
        int deleted = feed.deleteOlderThan(clock.instant().minus(config.feed().retention()));
        if (deleted > 0) {
            LOG.infof("Feed retention: %d entries removed", deleted);
        }
    }
}
