package fr.passerelle.platform.devdb;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import java.util.List;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * In dev mode and tests, when no JDBC URL is configured, points the datasource at an embedded
 * PostgreSQL started on first use. The embedded server is a provided-scope dependency: it is never
 * packaged, so the production profile cannot start a database of its own.
 */
public class EmbeddedPostgresConfigSourceFactory implements ConfigSourceFactory {

    static final String URL_PROPERTY = "quarkus.datasource.jdbc.url";
    private static final String EMBEDDED_CLASS = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        List<String> profiles = context.getProfiles();
        boolean test = profiles.contains("test");
        boolean dev = profiles.contains("dev");
        if (!(test || dev) || isConfigured(context.getValue(URL_PROPERTY)) || !embeddedServerAvailable()) {
            return List.of();
        }
        return List.of(new EmbeddedPostgresConfigSource(test ? EmbeddedPostgresServer.Mode.EPHEMERAL
                : EmbeddedPostgresServer.Mode.PERSISTENT));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(EmbeddedPostgresConfigSource.ORDINAL);
    }

    private static boolean isConfigured(ConfigValue value) {
        return value != null && value.getValue() != null && !value.getValue().isBlank();
    }

    private static boolean embeddedServerAvailable() {
        try {
            Class.forName(EMBEDDED_CLASS, false, EmbeddedPostgresConfigSourceFactory.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
