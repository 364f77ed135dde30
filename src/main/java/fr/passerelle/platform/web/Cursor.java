package fr.passerelle.platform.web;

import fr.passerelle.platform.problem.ApiException;
import fr.passerelle.platform.problem.Problem;
import fr.passerelle.platform.problem.ProblemType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * An opaque keyset cursor: the sort key values of the last item of a page. Clients must treat it
 * as an opaque string; its encoding may change. Each key is encoded on its own, so that a key may
 * hold any character, the separator included.
 */
public final class Cursor {

    private static final String SEPARATOR = ".";
    /** The longest cursor this service issues: a few keys, base64-encoded. */
    public static final int MAX_LENGTH = 512;

    private Cursor() {
    }

    public static String encode(String... keys) {
        List<String> parts = new ArrayList<>();
        for (String key : keys) {
            parts.add(Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8)));
        }
        return String.join(SEPARATOR, parts);
    }

    /** Decodes a cursor made by {@link #encode} with the same number of keys, passed as {@code cursor}. */
    public static List<String> decode(String cursor, int keys) {
        return decode(cursor, keys, "cursor");
    }

    /** Decodes a cursor passed in the given query parameter. */
    public static List<String> decode(String cursor, int keys, String parameter) {
        String[] parts = cursor.split("\\.", -1);
        if (parts.length == keys) {
            try {
                List<String> decoded = new ArrayList<>();
                for (String part : parts) {
                    decoded.add(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8));
                }
                return decoded;
            } catch (IllegalArgumentException e) {
                // reported below
            }
        }
        throw invalid(parameter);
    }

    /** A cursor made of an instant and an id: the keys of lists in time order. */
    public record TimeAndId(Instant time, UUID id) {

        public String encode() {
            return Cursor.encode(time.toString(), id.toString());
        }

        /** The keys of a cursor passed as {@code cursor}, or null when there is none. */
        public static TimeAndId decode(String cursor) {
            if (cursor == null) {
                return null;
            }
            List<String> keys = Cursor.decode(cursor, 2);
            try {
                return new TimeAndId(Instant.parse(keys.get(0)), UUID.fromString(keys.get(1)));
            } catch (RuntimeException e) {
                throw invalid("cursor");
            }
        }
    }

    /** A cursor made of a text and an id: the keys of lists ordered by a name or a title. */
    public record TextAndId(String text, UUID id) {

        public String encode() {
            return Cursor.encode(text, id.toString());
        }

        /** The keys of a cursor passed as {@code cursor}, or null when there is none. */
        public static TextAndId decode(String cursor) {
            if (cursor == null) {
                return null;
            }
            List<String> keys = Cursor.decode(cursor, 2);
            try {
                return new TextAndId(keys.get(0), UUID.fromString(keys.get(1)));
            } catch (IllegalArgumentException e) {
                throw invalid("cursor");
            }
        }
    }

    /** The 400 for a cursor this service did not issue. */
    public static ApiException invalid(String parameter) {
        return new ApiException(ProblemType.MALFORMED_REQUEST, "The cursor is not one this service issued.",
                List.of(Problem.FieldError.atParameter(parameter, "not a cursor issued by this service")));
    }
}
