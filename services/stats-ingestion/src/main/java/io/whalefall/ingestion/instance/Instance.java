package io.whalefall.ingestion.instance;

import java.time.Instant;

/**
 * A database instance registered by WhaleFall; samples may only be stored for registered instances.
 *
 * @param id         its id
 * @param name       display name
 * @param dbType     DBMS type
 * @param host       host
 * @param port       port
 * @param isActive   whether scheduled aggregation includes it
 * @param capacityMb provisioned capacity, if known
 * @param version    increases with every change
 * @param createdAt  when it was registered
 * @param updatedAt  when it last changed
 */
public record Instance(long id, String name, String dbType, String host, int port, boolean isActive,
        Long capacityMb, long version, Instant createdAt, Instant updatedAt) {
}
