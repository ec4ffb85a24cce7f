package io.whalefall.query.capacity;

/**
 * The instance an aggregate belongs to, as every list item carries it. Name and type are null while the
 * read model has not yet received the instance's {@code InstanceUpserted}.
 *
 * @param id     instance id
 * @param name   display name
 * @param dbType mysql, postgresql, sqlserver or oracle
 */
public record InstanceInfo(long id, String name, String dbType) {
}
