package io.whalefall.query.capacity;

import io.whalefall.query.QueryConfig;
import io.whalefall.query.api.ParamReader;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** Paging and sorting parameters of the capacity lists, as sent; {@link #read} validates them. */
public class PageParams {

    @QueryParam("page")
    @Parameter(description = "Page number, from 1 (default 1).")
    String page;

    @QueryParam("limit")
    @Parameter(description = "Rows per page, 1 to 200 (default 20).")
    String limit;

    @QueryParam("get_all")
    @Parameter(description = "true: every matching row in one response, up to 5000 (page and limit are ignored; "
            + "the message says when the cap cut the list).")
    String getAll;

    @QueryParam("sort")
    @Parameter(description = "Sort column. Databases: period_start (default), avg_size_mb, max_size_mb, min_size_mb, "
            + "size_change_mb, size_change_percent, growth_rate, database_name, instance_id, calculated_at. Instances: "
            + "period_start (default), total_size_mb, avg_size_mb, max_size_mb, min_size_mb, total_size_change_mb, "
            + "total_size_change_percent, growth_rate, database_count, instance_id, calculated_at. Ties are broken by "
            + "period_start (newest first), instance_id, database_name, period_type.")
    String sort;

    @QueryParam("order")
    @Parameter(description = "asc or desc (default desc).")
    String order;

    /** Validates the parameters, recording errors in {@code reader}; {@code sorts} names the allowed columns. */
    public PageRequest read(ParamReader reader, QueryConfig.Lists lists, SortColumns sorts) {
        int pageNumber = reader.integer("page", page, 1, lists.maxPage(), 1);
        int rows = reader.integer("limit", limit, 1, lists.maxLimit(), lists.defaultLimit());
        boolean all = reader.bool("get_all", getAll, false);
        String column = reader.oneOf("sort", sort, sorts.keys(), sorts.defaultKey());
        boolean descending = "desc".equals(reader.oneOf("order", order, java.util.List.of("asc", "desc"), "desc"));
        return new PageRequest(pageNumber, rows, all, column, descending);
    }
}
