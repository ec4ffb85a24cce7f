package io.whalefall.query.options;

/**
 * An instance a dashboard filter can offer.
 *
 * @param id         instance id
 * @param name       display name
 * @param dbType     mysql, postgresql, sqlserver or oracle
 * @param active     whether the instance is still collected (inactive ones keep their history)
 * @param capacityMb its registered capacity, if any
 */
public record InstanceOption(long id, String name, String dbType, boolean active, Long capacityMb) {
}
