package io.whalefall.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A private world for one test run on the shared local servers: a PostgreSQL database {@code t_<epoch>_<n>}
 * with one role per service schema (each role owns only its schema, as in production), and a RabbitMQ
 * virtual host of the same name. Runs never see each other's data; {@link #close()} drops everything,
 * and leftovers of crashed runs older than two hours are dropped by the next run.
 */
public final class TestInfrastructure implements AutoCloseable {

    private static final Pattern RUN_NAME = Pattern.compile("t_(\\d{10})_\\d+");
    private static final Duration LEFTOVER_AGE = Duration.ofHours(2);

    private final String name;
    private final Map<String, String> roles = new LinkedHashMap<>();

    private TestInfrastructure(String name) {
        this.name = name;
    }

    /** Creates the database, one role and schema per name in {@code schemas}, and the virtual host. */
    public static TestInfrastructure create(String... schemas) {
        TestInfrastructure infra = new TestInfrastructure(
                "t_" + Instant.now().getEpochSecond() + "_" + ThreadLocalRandom.current().nextInt(1_000_000));
        dropLeftovers();
        infra.createDatabase(schemas);
        infra.createVirtualHost();
        return infra;
    }

    /** The database and virtual host name. */
    public String name() {
        return name;
    }

    /** JDBC URL of the run's database with {@code schema} as current schema. */
    public String jdbcUrl(String schema) {
        return "jdbc:postgresql://" + pgHost() + ":" + pgPort() + "/" + name + "?currentSchema=" + schema;
    }

    /** The role that owns {@code schema}; its password is its name. */
    public String role(String schema) {
        return roles.get(schema);
    }

    /** The RabbitMQ virtual host. */
    public String virtualHost() {
        return name;
    }

    /** A superuser connection to the run's database, for assertions and fixtures. */
    public Connection adminConnection() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + pgHost() + ":" + pgPort() + "/" + name, pgAdmin(), "");
    }

    /** The Quarkus configuration that points a service owning {@code schema} at this run. */
    public Map<String, String> quarkusConfig(String schema) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.datasource.jdbc.url", jdbcUrl(schema));
        config.put("quarkus.datasource.username", role(schema));
        config.put("quarkus.datasource.password", role(schema));
        config.put("rabbitmq-host", rabbitHost());
        config.put("rabbitmq-port", String.valueOf(rabbitPort()));
        config.put("rabbitmq-virtual-host", virtualHost());
        return config;
    }

    /** GETs {@code path} (e.g. {@code /api/queues/<vhost>}) from the broker's management API; returns the JSON body. */
    public String managementGet(String path) {
        return management("GET", path, null);
    }

    @Override
    public void close() {
        dropDatabase(name, new ArrayList<>(roles.values()));
        deleteVirtualHost(name);
    }

    private void createDatabase(String... schemas) {
        try (Connection admin = DriverManager.getConnection(adminUrl("postgres"), pgAdmin(), "");
                Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE " + name);
            for (String schema : schemas) {
                String role = name + "_" + schema;
                sql.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + role + "'");
                roles.put(schema, role);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name + " (is PostgreSQL running?)", e);
        }
        try (Connection admin = DriverManager.getConnection(adminUrl(name), pgAdmin(), "");
                Statement sql = admin.createStatement()) {
            sql.execute("REVOKE ALL ON SCHEMA public FROM PUBLIC");
            for (Map.Entry<String, String> role : roles.entrySet()) {
                sql.execute("CREATE SCHEMA " + role.getKey() + " AUTHORIZATION " + role.getValue());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create schemas in " + name, e);
        }
    }

    private void createVirtualHost() {
        management("PUT", "/api/vhosts/" + name, "{}");
        management("PUT", "/api/permissions/" + name + "/" + rabbitUser(),
                "{\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}");
    }

    private static void dropLeftovers() {
        long cutoff = Instant.now().minus(LEFTOVER_AGE).getEpochSecond();
        try (Connection admin = DriverManager.getConnection(adminUrl("postgres"), pgAdmin(), "");
                Statement sql = admin.createStatement()) {
            List<String> old = new ArrayList<>();
            try (ResultSet rs = sql.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 't\\_%'")) {
                while (rs.next()) {
                    if (isOlderThan(rs.getString(1), cutoff)) {
                        old.add(rs.getString(1));
                    }
                }
            }
            for (String db : old) {
                List<String> dbRoles = new ArrayList<>();
                try (ResultSet rs = sql.executeQuery("SELECT rolname FROM pg_roles WHERE rolname LIKE '" + db + "\\_%'")) {
                    while (rs.next()) {
                        dbRoles.add(rs.getString(1));
                    }
                }
                dropDatabase(db, dbRoles);
                deleteVirtualHost(db);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot clean up old test databases", e);
        }
    }

    private static boolean isOlderThan(String runName, long cutoffEpoch) {
        Matcher m = RUN_NAME.matcher(runName);
        return m.matches() && Long.parseLong(m.group(1)) < cutoffEpoch;
    }

    private static void dropDatabase(String db, List<String> dbRoles) {
        try (Connection admin = DriverManager.getConnection(adminUrl("postgres"), pgAdmin(), "");
                Statement sql = admin.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            for (String role : dbRoles) {
                sql.execute("DROP ROLE IF EXISTS " + role);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot drop test database " + db, e);
        }
    }

    private static void deleteVirtualHost(String vhost) {
        management("DELETE", "/api/vhosts/" + vhost, null);
    }

    private static String management(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(managementUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((rabbitUser() + ":" + rabbitPassword()).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request.build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300 && !(method.equals("DELETE") && response.statusCode() == 404)) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot reach the RabbitMQ management API at " + managementUrl()
                    + " (enable it: rabbitmq-plugins enable rabbitmq_management)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String adminUrl(String database) {
        return "jdbc:postgresql://" + pgHost() + ":" + pgPort() + "/" + database;
    }

    private static String setting(String env, String fallback) {
        String value = System.getenv(env);
        return value == null || value.isBlank() ? fallback : value;
    }

    static String pgHost() {
        return setting("WHALEFALL_TEST_PG_HOST", "127.0.0.1");
    }

    static String pgPort() {
        return setting("WHALEFALL_TEST_PG_PORT", "5432");
    }

    static String pgAdmin() {
        return setting("WHALEFALL_TEST_PG_ADMIN", "postgres");
    }

    /** The broker host. */
    public static String rabbitHost() {
        return setting("WHALEFALL_TEST_RABBITMQ_HOST", "127.0.0.1");
    }

    /** The broker's AMQP port. */
    public static int rabbitPort() {
        return Integer.parseInt(setting("WHALEFALL_TEST_RABBITMQ_PORT", "5672"));
    }

    static String managementUrl() {
        return setting("WHALEFALL_TEST_RABBITMQ_MANAGEMENT_URL", "http://" + rabbitHost() + ":15672");
    }

    /** The broker user. */
    public static String rabbitUser() {
        return setting("WHALEFALL_TEST_RABBITMQ_USER", "guest");
    }

    /** The broker password. */
    public static String rabbitPassword() {
        return setting("WHALEFALL_TEST_RABBITMQ_PASSWORD", "guest");
    }
}
