package fr.passerelle.sharing;

import fr.passerelle.audit.AuditService;
import fr.passerelle.platform.PasserelleConfig;
import fr.passerelle.platform.audit.AuditScope;
import fr.passerelle.platform.problem.ApiException;
import fr.passerelle.platform.problem.ProblemType;
import fr.passerelle.platform.security.Caller;
import fr.passerelle.platform.security.Role;
import fr.passerelle.platform.web.Cursor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
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
    private static final int PURGE_BATCH = 5_000;
    private static final Duration REFRESH_AFTER = Duration.ofDays(1);
    private static final byte[] ITEMS = "{\"items\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CURSOR = "{\"cursor\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NEXT_CURSOR = "],\"nextCursor\":\"".getBytes(StandardCharsets.US_ASCII);

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

    /** A page of entries as UTF-8 JSON, served as it is: the entries were rendered when written. */
    public record RenderedPage(byte[] json, String nextCursor, boolean empty) {
    }

    /**
     * One page, read with its audit record by a single statement: atomic by itself, so without a transaction of its
     * own (no BEGIN and COMMIT round trips); within a caller's transaction, part of it.
     */
    public RenderedPage page(Caller caller, String after, int limit, AuditScope.Snapshot scope) {
        if (!caller.is(Role.DEPARTEMENT) && !caller.is(Role.MISSION_LOCALE)) {
            throw ApiException.forbidden("Only départements and Missions Locales have a change feed.");
        }
        Instant now = clock.instant();
        String txId = START_TX;
        long seq = 0;
        Instant written = now;
        if (after != null) {
            List<String> keys = Cursor.decode(after, 3, "after");
            try {
                txId = String.valueOf(Long.parseUnsignedLong(keys.get(0)));
                seq = Long.parseLong(keys.get(1));
                written = Instant.ofEpochSecond(Long.parseLong(keys.get(2)));
                if (written.isBefore(now.minus(config.feed().retention()))) {
                    throw new ApiException(ProblemType.GONE, "This cursor is older than the feed's retention ("
                            + config.feed().retention() + "): read the shared pathways again, then follow the feed from now on.");
                }
            } catch (NumberFormatException e) {
                throw Cursor.invalid("after");
            }
        }
        List<FeedEntryRepository.Entry> entries = feed.after(caller.organisationId(), txId, seq, limit,
                audit.inlineRecord(caller, AuditService.Operation.FEED, scope));
        byte[][] cursors = new byte[entries.size()][];
        int size = ITEMS.length + Math.max(0, entries.size() - 1) + NEXT_CURSOR.length + 2;
        // With nothing new, the cursor given, so that its ETag answers 304; once it ages, the same position at the
        // current time: a reader polling a quiet feed must never reach the retention.
        Duration refreshAfter = Collections.min(List.of(REFRESH_AFTER, config.feed().retention().dividedBy(2)));
        String next = after == null || written.isBefore(now.minus(refreshAfter))
                ? Cursor.encode(txId, Long.toString(seq), Long.toString(now.getEpochSecond())) : after;
        for (int i = 0; i < entries.size(); i++) {
            FeedEntryRepository.Entry entry = entries.get(i);
            next = Cursor.encode(entry.txId(), Long.toString(entry.seq()), Long.toString(entry.recordedAt().getEpochSecond()));
            cursors[i] = next.getBytes(StandardCharsets.US_ASCII);
            size += CURSOR.length + cursors[i].length + 2 + entry.payload().length - 1;
        }
        byte[] nextCursor = next.getBytes(StandardCharsets.US_ASCII);
        // Bytes are copied once into a buffer of the exact size: a page is up to a thousand entries.
        ByteBuffer json = ByteBuffer.allocate(size + nextCursor.length).put(ITEMS);
        for (int i = 0; i < entries.size(); i++) {
            byte[] payload = entries.get(i).payload();
            if (i > 0) {
                json.put((byte) ',');
            }
            // Entries are stored as JSON objects without their cursor, which goes first.
            json.put(CURSOR).put(cursors[i]).put((byte) '"').put((byte) ',').put(payload, 1, payload.length - 1);
        }
        json.put(NEXT_CURSOR).put(nextCursor).put((byte) '"').put((byte) '}');
        return new RenderedPage(json.array(), next, entries.isEmpty());
    }

    /**
     * Forgets entries past the retention, in small batches of their own short transactions: a long
     * one would hold back the oldest running transaction, below which every feed reads, and stall
     * them all. Batches skip entries another replica is deleting, so every replica may run it.
     */
    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void purge() {
        Instant limit = clock.instant().minus(config.feed().retention());
        long total = 0;
        int deleted;
        do {
            deleted = QuarkusTransaction.requiringNew().call(() -> feed.deleteOlderThan(limit, PURGE_BATCH));
            total += deleted;
        } while (deleted == PURGE_BATCH);
        if (total > 0) {
            LOG.infof("Feed retention: %d entries removed", total);
        }
    }
}
