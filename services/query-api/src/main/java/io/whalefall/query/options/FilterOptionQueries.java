package io.whalefall.query.options;

import io.whalefall.platform.sql.Jdbc;
import io.whalefall.platform.sql.Rows;
import io.whalefall.platform.sql.SqlArray;
import io.whalefall.platform.sql.Where;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Reads the choices of the dashboard's instance and database filters from the read model. */
@ApplicationScoped
public class FilterOptionQueries {

    private final Jdbc jdbc;

    public FilterOptionQueries(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Known instances of the given types (all types when empty), by name; at most {@code cap}. */
    public OptionList<InstanceOption> instances(List<String> dbTypes, int cap) {
        Where where = new Where();
        if (!dbTypes.isEmpty()) {
            where.and("db_type = ANY(?)", SqlArray.texts(dbTypes));
        }
        List<InstanceOption> rows = jdbc.list("SELECT instance_id, name, db_type, is_active, capacity_mb FROM instance"
                        + where.sql() + " ORDER BY lower(name), instance_id LIMIT ?", where.parametersAnd(cap + 1),
                rs -> new InstanceOption(rs.getLong("instance_id"), rs.getString("name"), rs.getString("db_type"),
                        rs.getBoolean("is_active"), Rows.nullableLong(rs, "capacity_mb")));
        return OptionList.capped(rows, cap);
    }

    /**
     * Names of the databases ever aggregated on the instance (or on instances of the given types, or
     * anywhere), by name; at most {@code cap}.
     */
    public OptionList<DatabaseOption> databases(Long instanceId, List<String> dbTypes, int cap) {
        Where where = new Where();
        if (instanceId != null) {
            where.and("c.instance_id = ?", instanceId);
        }
        if (!dbTypes.isEmpty()) {
            // the instance table is small: the type resolves to ids before the catalog is read
            where.and("c.instance_id IN (SELECT instance_id FROM instance WHERE db_type = ANY(?))",
                    SqlArray.texts(dbTypes));
        }
        List<DatabaseOption> rows = jdbc.list("SELECT c.database_name, count(*) AS instances FROM database_catalog c"
                        + where.sql() + " GROUP BY c.database_name ORDER BY c.database_name LIMIT ?",
                where.parametersAnd(cap + 1),
                rs -> new DatabaseOption(rs.getString("database_name"), rs.getLong("instances")));
        return OptionList.capped(rows, cap);
    }
}
