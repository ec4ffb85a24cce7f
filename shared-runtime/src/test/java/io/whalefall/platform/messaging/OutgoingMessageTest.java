package io.whalefall.platform.messaging;

import io.whalefall.contracts.MessageType;
import io.whalefall.contracts.metrics.MetricPointsIngested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutgoingMessageTest {

    private static final MetricPointsIngested PAYLOAD = new MetricPointsIngested(UUID.randomUUID(), 1, 1, List.of(),
            Instant.parse("2026-12-07T10:00:00Z"));

    @Test
    void aMessageGoesWithItsTypesRoutingKeyUnlessRoutedToASubKey() {
        OutgoingMessage message = OutgoingMessage.of(MessageType.METRIC_POINTS_INGESTED, PAYLOAD, "flow");

        assertThat(message.routingKey()).isEqualTo("metrics.ingested");
        assertThat(message.routedTo("metrics.ingested.2").routingKey()).isEqualTo("metrics.ingested.2");
        assertThat(message.routedTo("metrics.ingested.2").payload()).isSameAs(PAYLOAD);
    }

    @Test
    void aRoutingKeyOutsideTheTypesKeyIsRefused() {
        OutgoingMessage message = OutgoingMessage.of(MessageType.METRIC_POINTS_INGESTED, PAYLOAD, "flow");

        // a consumer bound to the type's key and its sub-keys would never see these
        assertThatThrownBy(() -> message.routedTo("metrics.windows-updated"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metrics.ingested");
        assertThatThrownBy(() -> message.routedTo("metrics.ingestedX"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
