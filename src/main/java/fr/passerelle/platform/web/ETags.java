package fr.passerelle.platform.web;

import fr.passerelle.platform.problem.ApiException;
import fr.passerelle.platform.problem.Problem;
import fr.passerelle.platform.problem.ProblemType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Strong entity tags made from a resource's version, and how If-Match and If-None-Match are read:
 * entity tags quoted as the ETag header gave them ({@code "6"}); the weak form ({@code W/"6"}),
 * which a proxy may make of it, names the same version; an unquoted tag ({@code 6}) is refused with
 * 400 saying how to quote it, rather than taken for a stale version. An update without If-Match is
 * 428, a stale one 412.
 */
public final class ETags {

    private static final String ANY = "*";
    private static final String IF_MATCH = "If-Match";

    private ETags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The version an If-Match names: empty for {@code *}; 428 when the header is missing and
     * required; 400 when it is not one quoted entity tag; 412 when it is not a tag this service issued.
     */
    public static Optional<Long> expectedVersion(String ifMatch, boolean required) {
        if (ifMatch == null || ifMatch.isBlank()) {
            if (required) {
                throw new ApiException(ProblemType.PRECONDITION_REQUIRED, "Send the ETag of the version you read in If-Match.");
            }
            return Optional.empty();
        }
        List<String> tags = opaqueTags(ifMatch, IF_MATCH);
        if (tags.contains(ANY)) {
            return Optional.empty();
        }
        if (tags.size() > 1) {
            throw malformed(IF_MATCH, "send the one ETag of the version you read");
        }
        try {
            return Optional.of(Long.parseLong(tags.get(0)));
        } catch (NumberFormatException e) {
            throw new ApiException(ProblemType.PRECONDITION_FAILED, "If-Match \"" + tags.get(0)
                    + "\" is not a current ETag of this resource.");
        }
    }

    public static void requireMatch(String ifMatch, String current) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ApiException(ProblemType.PRECONDITION_REQUIRED,
                    "Send the ETag of the version you read in If-Match.");
        }
        if (!matches(opaqueTags(ifMatch, IF_MATCH), current)) {
            throw new ApiException(ProblemType.PRECONDITION_FAILED,
                    "The resource changed since it was read: its ETag is now " + current + ".");
        }
    }

    /** Refuses (400) a conditional header whose entity tags are not quoted, before any work is done. */
    public static void requireQuoted(String header, String name) {
        if (header != null && !header.isBlank()) {
            opaqueTags(header, name);
        }
    }

    /** Whether an If-None-Match names the current tag (weak comparison); false without the header. */
    public static boolean noneMatchNames(String ifNoneMatch, String current) {
        return ifNoneMatch != null && !ifNoneMatch.isBlank() && matches(opaqueTags(ifNoneMatch, "If-None-Match"), current);
    }

    private static boolean matches(List<String> tags, String current) {
        return tags.contains(ANY) || tags.contains(current.substring(1, current.length() - 1));
    }

    /** The opaque values of a list of entity tags, weak or strong, or {@code *}; 400 when one is not quoted. */
    private static List<String> opaqueTags(String header, String name) {
        List<String> tags = new ArrayList<>();
        for (String part : header.split(",", -1)) {
            String tag = part.trim();
            if (tag.equals(ANY)) {
                tags.add(ANY);
                continue;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.length() < 2 || tag.charAt(0) != '"' || tag.charAt(tag.length() - 1) != '"'
                    || tag.substring(1, tag.length() - 1).indexOf('"') >= 0) {
                throw malformed(name, "entity tags are quoted, as the ETag header gives them: " + name + ": \"6\" (or W/\"6\"), not "
                        + name + ": 6");
            }
            tags.add(tag.substring(1, tag.length() - 1));
        }
        return tags;
    }

    private static ApiException malformed(String header, String detail) {
        return new ApiException(ProblemType.MALFORMED_REQUEST, header + ": " + detail + ".",
                List.of(Problem.FieldError.atParameter(header, detail)));
    }
}
