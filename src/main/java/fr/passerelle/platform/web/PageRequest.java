package fr.passerelle.platform.web;

import fr.passerelle.platform.PasserelleConfig;
import fr.passerelle.platform.problem.ApiException;
import fr.passerelle.platform.problem.Problem;
import fr.passerelle.platform.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Resolves the {@code limit} of a list request against the configured default and cap. */
@ApplicationScoped
public class PageRequest {

    private final PasserelleConfig config;

    public PageRequest(PasserelleConfig config) {
        this.config = config;
    }

    public int limit(Integer requested) {
        if (requested == null) {
            return config.limits().defaultPageSize();
        }
        int max = config.limits().maxPageSize();
        if (requested < 1 || requested > max) {
            throw new ApiException(ProblemType.MALFORMED_REQUEST, "limit must be between 1 and " + max + ".",
                    List.of(Problem.FieldError.atParameter("limit", "must be between 1 and " + max)));
        }
        return requested;
    }
}
