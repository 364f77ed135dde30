package fr.passerelle.platform.web;

import fr.passerelle.platform.problem.ApiException;
import fr.passerelle.platform.problem.Problem;
import fr.passerelle.platform.problem.ProblemType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * An opaque keyset cursor: the sort key values of the last item of a page. Clients must treat it
 * as an opaque string; its encoding may change.
 */
public final class Cursor {

    private static final char SEPARATOR = '\u001f';

    private Cursor() {
    }

    public static String encode(String... keys) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.join(String.valueOf(SEPARATOR), keys).getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a cursor made by {@link #encode} with the same number of keys. */
    public static List<String> decode(String cursor, int keys) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            List<String> parts = List.of(raw.split(String.valueOf(SEPARATOR), -1));
            if (parts.size() == keys) {
                return parts;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new ApiException(ProblemType.MALFORMED_REQUEST, "The cursor is not one this service issued.",
                List.of(Problem.FieldError.atParameter("cursor", "not a cursor issued by this service")));
    }
}
