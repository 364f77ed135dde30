package fr.passerelle.platform.web;

import fr.passerelle.platform.problem.ApiException;
import fr.passerelle.platform.problem.ProblemType;
import java.util.Arrays;
import java.util.Optional;

/**
 * Strong entity tags made from a resource's version, and the If-Match rules of updates:
 * no If-Match is 428, a stale one is 412.
 */
public final class ETags {

    private ETags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The version an If-Match names: empty for {@code *}; 428 when the header is missing and
     * required; 412 when it is not a tag this service issued.
     */
    public static Optional<Long> expectedVersion(String ifMatch, boolean required) {
        if (ifMatch == null || ifMatch.isBlank()) {
            if (required) {
                throw new ApiException(ProblemType.PRECONDITION_REQUIRED, "Send the ETag of the version you read in If-Match.");
            }
            return Optional.empty();
        }
        String tag = ifMatch.trim();
        if (tag.equals("*")) {
            return Optional.empty();
        }
        if (tag.length() > 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            try {
                return Optional.of(Long.parseLong(tag.substring(1, tag.length() - 1)));
            } catch (NumberFormatException e) {
                // not one of ours: reported below
            }
        }
        throw new ApiException(ProblemType.PRECONDITION_FAILED, "If-Match " + tag + " is not a current ETag of this resource.");
    }

    public static void requireMatch(String ifMatch, String current) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ApiException(ProblemType.PRECONDITION_REQUIRED,
                    "Send the ETag of the version you read in If-Match.");
        }
        boolean matches = Arrays.stream(ifMatch.split(","))
                .map(String::trim)
                .anyMatch(tag -> tag.equals("*") || tag.equals(current));
        if (!matches) {
            throw new ApiException(ProblemType.PRECONDITION_FAILED,
                    "The resource changed since it was read: its ETag is now " + current + ".");
        }
    }
}
