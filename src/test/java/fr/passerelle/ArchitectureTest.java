package fr.passerelle;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import jakarta.inject.Inject;
import jakarta.persistence.Entity;
import jakarta.ws.rs.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of the main code. Feature packages are found by name ({@code fr.passerelle.<feature>},
 * anything but {@code platform}), so a new feature is covered without touching this class.
 */
class ArchitectureTest {

    private static final String ROOT = "fr.passerelle";
    private static final String PLATFORM = "platform";
    private static final Pattern TOP_PACKAGE = Pattern.compile(Pattern.quote(ROOT) + "\\.([^.]+)(\\..*)?");

    private static final DescribedPredicate<JavaClass> PERSISTENCE = DescribedPredicate.describe(
            "entities or Panache repositories", ArchitectureTest::isPersistence);

    private static final DescribedPredicate<JavaClass> IN_A_FEATURE = DescribedPredicate.describe(
            "reside in a feature package", javaClass -> feature(javaClass).isPresent());

    private static JavaClasses mainClasses;

    @BeforeAll
    static void importMainClasses() {
        mainClasses = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void resourcesNeverTouchEntitiesOrRepositories() {
        noClasses().that().areAnnotatedWith(Path.class)
                .should().dependOnClassesThat(PERSISTENCE)
                .because("resources speak to services, which own transactions and map entities to API records")
                .check(mainClasses);
    }

    @Test
    void entitiesAndRepositoriesAreOnlyUsedInTheirOwnPackage() {
        classes().that(PERSISTENCE)
                .should(onlyBeUsedFromTheirOwnPackage())
                .check(mainClasses);
    }

    @Test
    void featuresUseEachOtherOnlyThroughServicesAndApiRecords() {
        classes().that(IN_A_FEATURE)
                .should(useOtherFeaturesOnlyThroughTheirApi())
                .check(mainClasses);
    }

    @Test
    void thePlatformDependsOnNoFeature() {
        noClasses().that().resideInAPackage(ROOT + "." + PLATFORM + "..")
                .should().dependOnClassesThat(IN_A_FEATURE)
                .because("features plug into the platform through its interfaces (e.g. OrganisationRegistry)")
                .check(mainClasses);
    }

    @Test
    void dependenciesAreInjectedThroughConstructors() {
        noFields().should().beAnnotatedWith(Inject.class)
                .because("constructor injection keeps dependencies final and visible")
                .check(mainClasses);
    }

    private static boolean isPersistence(JavaClass javaClass) {
        return javaClass.isAnnotatedWith(Entity.class)
                || javaClass.isAssignableTo("io.quarkus.hibernate.orm.panache.PanacheRepositoryBase")
                || javaClass.isAssignableTo("io.quarkus.hibernate.orm.panache.PanacheEntityBase");
    }

    /** The feature a class belongs to, or empty for the platform and the root package. */
    private static Optional<String> feature(JavaClass javaClass) {
        Matcher matcher = TOP_PACKAGE.matcher(javaClass.getPackageName());
        if (!matcher.matches() || matcher.group(1).equals(PLATFORM)) {
            return Optional.empty();
        }
        return Optional.of(matcher.group(1));
    }

    /**
     * What a feature offers the others: its services, and the immutable values they take and return
     * (records and enums, and the interfaces that group them, such as a sealed family of records).
     */
    private static boolean isFeatureApi(JavaClass javaClass) {
        JavaClass outermost = javaClass;
        while (outermost.getEnclosingClass().isPresent()) {
            outermost = outermost.getEnclosingClass().get();
        }
        boolean service = outermost.getSimpleName().endsWith("Service") && !isPersistence(javaClass);
        return service || javaClass.isRecord() || javaClass.isEnum() || javaClass.isInterface();
    }

    private static ArchCondition<JavaClass> onlyBeUsedFromTheirOwnPackage() {
        return new ArchCondition<>("only be used from their own package") {
            @Override
            public void check(JavaClass target, ConditionEvents events) {
                for (Dependency dependency : target.getDirectDependenciesToSelf()) {
                    JavaClass origin = dependency.getOriginClass();
                    if (!origin.getPackageName().equals(target.getPackageName())) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }

    private static ArchCondition<JavaClass> useOtherFeaturesOnlyThroughTheirApi() {
        return new ArchCondition<>("use other features only through their *Service classes and API records") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                Optional<String> own = feature(origin);
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass().getBaseComponentType();
                    Optional<String> other = feature(target);
                    if (other.isPresent() && !other.equals(own) && !isFeatureApi(target)) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }
}
