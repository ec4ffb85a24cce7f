package io.whalefall.platform.api;

import java.util.List;

/**
 * A page of a list, in the shape WhaleFall's list endpoints put in {@code data}.
 *
 * @param items   the rows of this page
 * @param total   rows matching the filters
 * @param page    this page, from 1
 * @param pages   number of pages (0 when there are no rows)
 * @param limit   rows per page
 * @param hasPrev whether a previous page exists
 * @param hasNext whether a next page exists
 * @param <T>     row type
 */
public record Page<T>(List<T> items, long total, int page, int pages, int limit, boolean hasPrev, boolean hasNext) {

    /** Builds the page metadata from the total count. */
    public static <T> Page<T> of(List<T> items, long total, int page, int limit) {
        int pages = (int) ((total + limit - 1) / limit);
        return new Page<>(items, total, page, pages, limit, page > 1, page < pages);
    }
}
