package io.whalefall.ingestion;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Collects the spans the service exports when a test turns the SDK on: Quarkus' default trace exporter
 * ({@code quarkus.otel.traces.exporter=cdi}) sends them to every {@code SpanExporter} bean.
 */
public class InMemorySpans {

    @Produces
    @Singleton
    InMemorySpanExporter exporter() {
        return InMemorySpanExporter.create();
    }
}
