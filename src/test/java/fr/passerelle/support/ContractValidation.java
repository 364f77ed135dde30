package fr.passerelle.support;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;

/**
 * Validates every REST Assured response of the suite against the committed contract, so that the
 * contract describes behaviour and not only signatures. Requests are not validated: many tests
 * send invalid ones on purpose. Quarkus runs this callback before each test in the class loader of
 * the application under test, where REST Assured's static configuration lives.
 */
public class ContractValidation implements QuarkusTestBeforeEachCallback {

    private static volatile boolean installed;

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        install();
    }

    private static synchronized void install() {
        if (installed) {
            return;
        }
        OpenApiInteractionValidator validator = OpenApiInteractionValidator
                .createForSpecificationUrl("openapi/openapi.yaml")
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.request", ValidationReport.Level.IGNORE)
                        .build())
                .build();
        RestAssured.filters(new OpenApiValidationFilter(validator));
        installed = true;
    }
}
