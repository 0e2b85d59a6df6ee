package dev.orderstream.support;

import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The test schema over plain JDBC, for checks the API cannot make (stock invariants, row counts,
 * raw transactions). Not a CDI bean: the same suites run in-process ({@code @QuarkusTest}) and
 * against the packaged jar or native executable ({@code @QuarkusIntegrationTest}), where nothing
 * can be injected into the test.
 */
public final class TestDatabase {

    /** The test profile's schema: {@code %test.orderstream.db.schema} in application.properties. */
    public static final String SCHEMA = "orderstream_test";

    private TestDatabase() {
    }

    public static DataSource dataSource() {
        return dataSource(SCHEMA);
    }

    /** Drops a schema of a test's own, so the application it starts migrates a fresh one. */
    public static void dropSchema(String schema) throws SQLException {
        try (Connection connection = dataSource(schema).getConnection();
             Statement sql = connection.createStatement()) {
            sql.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    /** Another schema: that of an application a test started itself ({@link PackagedApp}). */
    public static DataSource dataSource(String schema) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {"127.0.0.1"});
        dataSource.setPortNumbers(new int[] {5432});
        dataSource.setDatabaseName("postgres");
        dataSource.setUser("postgres");
        dataSource.setCurrentSchema(schema);
        return dataSource;
    }
}
