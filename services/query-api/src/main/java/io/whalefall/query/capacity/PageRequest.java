package io.whalefall.query.capacity;

/**
 * A validated page request.
 *
 * @param page       page number, from 1
 * @param limit      rows per page
 * @param getAll     every matching row (up to the configured cap) instead of a page
 * @param sort       the sort column's public name
 * @param descending whether the sort column runs from largest to smallest
 */
public record PageRequest(int page, int limit, boolean getAll, String sort, boolean descending) {
}
