package io.whalefall.ingestion.instance;

import java.time.Instant;

/**
 * An instance as the API shows it.
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
public record InstanceView(long id, String name, String dbType, String host, int port, boolean isActive,
        Long capacityMb, long version, Instant createdAt, Instant updatedAt) {

    static InstanceView of(Instance instance) {
        return new InstanceView(instance.id(), instance.name(), instance.dbType(), instance.host(), instance.port(),
                instance.isActive(), instance.capacityMb(), instance.version(), instance.createdAt(),
                instance.updatedAt());
    }
}
