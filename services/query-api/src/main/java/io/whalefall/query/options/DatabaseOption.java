package io.whalefall.query.options;

/**
 * A database name a dashboard filter can offer.
 *
 * @param databaseName the name
 * @param instances    how many instances (within the filter) have hosted a database of that name
 */
public record DatabaseOption(String databaseName, long instances) {
}
