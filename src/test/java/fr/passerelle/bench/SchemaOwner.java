package fr.passerelle.bench;

import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Connections as the schema owner, for what the application's restricted role may not do:
 * scratch tables of the raw baselines, and the synthetic dataset written straight into the tables.
 */
final class SchemaOwner {

    private SchemaOwner() {
    }

    static DataSource dataSource() {
        Config config = ConfigProvider.getConfig();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(config.getValue("quarkus.flyway.jdbc-url", String.class));
        dataSource.setUser(config.getValue("quarkus.flyway.username", String.class));
        dataSource.setPassword(config.getValue("quarkus.flyway.password", String.class));
        return dataSource;
    }
}
