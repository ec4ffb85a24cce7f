package io.whalefall.query;

import io.agroal.api.AgroalDataSource;
import io.whalefall.platform.sql.Jdbc;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * query-api's data access: the shared {@link Jdbc} with every read bounded by {@code whalefall.query.query-timeout},
 * so that a slow query answers 503 DATABASE_QUERY_ERROR instead of holding a request and a connection. Replaces
 * shared-runtime's unbounded default bean in this service.
 */
@Singleton
public class QueryJdbc {

    @Produces
    @Singleton
    Jdbc jdbc(AgroalDataSource dataSource, QueryConfig config) {
        return new Jdbc(dataSource, config.queryTimeout());
    }
}
