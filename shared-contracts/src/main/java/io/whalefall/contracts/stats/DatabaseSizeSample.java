package io.whalefall.contracts.stats;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.time.OffsetDateTime;

/**
 * One size sample of one database, as a collector measured it. Boxed fields so that a missing value
 * can be reported by name rather than read as zero.
 *
 * @param instanceId   the instance the database lives on
 * @param databaseName the database name as the DBMS reports it
 * @param sizeMb       total size in whole MB
 * @param dataSizeMb   data part in whole MB, when the DBMS distinguishes it
 * @param logSizeMb    log part in whole MB, when the DBMS distinguishes it
 * @param collectedAt  when the sample was taken, ISO-8601 with offset
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DatabaseSizeSample(
        Long instanceId,
        String databaseName,
        Long sizeMb,
        Long dataSizeMb,
        Long logSizeMb,
        OffsetDateTime collectedAt) {
}
