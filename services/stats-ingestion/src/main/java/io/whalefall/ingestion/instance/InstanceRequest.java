package io.whalefall.ingestion.instance;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code PUT /api/v1/instances/{id}}.
 *
 * @param name       display name
 * @param dbType     mysql, postgresql, sqlserver or oracle
 * @param host       host name or address
 * @param port       TCP port
 * @param isActive   whether scheduled aggregation includes it (default true)
 * @param capacityMb provisioned capacity in MB, optional
 */
public record InstanceRequest(
        @NotBlank @Size(max = 255) String name,
        @NotNull @Pattern(regexp = "mysql|postgresql|sqlserver|oracle",
                message = "must be one of mysql, postgresql, sqlserver, oracle") String dbType,
        @NotBlank @Size(max = 255) String host,
        @NotNull @Min(1) @Max(65535) Integer port,
        Boolean isActive,
        @PositiveOrZero Long capacityMb) {
}
