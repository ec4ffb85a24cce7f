package io.whalefall.ingestion.instance;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A database instance registered by WhaleFall; samples may only be stored for registered instances. */
@Entity
@Table(name = "instance")
public class Instance extends PanacheEntityBase {

    @Id
    public Long id;
    public String name;
    public String dbType;
    public String host;
    public Integer port;
    public boolean isActive;
    public Long capacityMb;
    public long version;
    public Instant createdAt;
    public Instant updatedAt;
}
