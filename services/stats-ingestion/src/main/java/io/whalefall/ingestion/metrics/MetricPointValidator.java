package io.whalefall.ingestion.metrics;

import io.whalefall.contracts.metrics.MetricPoint;
import io.whalefall.contracts.metrics.MetricPointsCollected;
import io.whalefall.ingestion.IngestionConfig;
import io.whalefall.ingestion.stats.InvalidBatchException;
import io.whalefall.platform.api.FieldError;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks every point of a batch and names each faulty field ({@code points[3].value},
 * {@code points[0].labels.instance}), so a collector can fix its batch in one round trip. A batch with any
 * invalid point is refused as a whole.
 */
@ApplicationScoped
public class MetricPointValidator {

    static final int MAX_METRIC_LENGTH = 200;
    static final int MAX_LABELS = 20;
    static final int MAX_LABEL_KEY_LENGTH = 100;
    static final int MAX_LABEL_VALUE_LENGTH = 200;
    private static final Pattern METRIC = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:.]*");
    private static final Pattern LABEL_KEY = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private final MetricIngestionConfig config;
    private final IngestionConfig ingestion;

    public MetricPointValidator(MetricIngestionConfig config, IngestionConfig ingestion) {
        this.config = config;
        this.ingestion = ingestion;
    }

    /**
     * Validates the batch as of {@code now}.
     *
     * @throws InvalidBatchException listing the problems
     */
    public void validate(MetricPointsCollected batch, Instant now) {
        List<MetricPoint> points = batch == null || batch.points() == null ? List.of() : batch.points();
        if (points.isEmpty()) {
            throw new InvalidBatchException(List.of(new FieldError("points", "the batch holds no points")), 1);
        }
        if (points.size() > config.maxPointsPerBatch()) {
            throw new InvalidBatchException(List.of(new FieldError("points", "the batch holds " + points.size()
                    + " points; at most " + config.maxPointsPerBatch() + " are accepted per batch")), 1);
        }
        Window window = new Window(now.minus(config.retention().raw()), now.plus(ingestion.maxClockSkew()));
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            validate(points.get(i), "points[" + i + "]", window, errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidBatchException(errors.subList(0, Math.min(errors.size(), ingestion.maxReportedErrors())),
                    errors.size());
        }
    }

    private void validate(MetricPoint point, String at, Window window, List<FieldError> errors) {
        if (point == null) {
            errors.add(new FieldError(at, "must be an object"));
            return;
        }
        metric(point.metric(), at + ".metric", errors);
        labels(point.labels(), at + ".labels", errors);
        timestamp(point.timestamp(), at + ".timestamp", window, errors);
        if (point.value() == null) {
            errors.add(new FieldError(at + ".value", "is required"));
        } else if (!Double.isFinite(point.value())) {
            // JSON numbers beyond ±1.8e308 arrive as infinities, "NaN" strings as NaN
            errors.add(new FieldError(at + ".value", "must be a finite number, got " + point.value()));
        }
    }

    private static void metric(String metric, String field, List<FieldError> errors) {
        if (metric == null || metric.isEmpty()) {
            errors.add(new FieldError(field, "is required"));
        } else if (metric.length() > MAX_METRIC_LENGTH) {
            errors.add(new FieldError(field, "must be at most " + MAX_METRIC_LENGTH + " characters"));
        } else if (!METRIC.matcher(metric).matches()) {
            errors.add(new FieldError(field, "must match " + METRIC.pattern()
                    + " (letters, digits, '_', ':' and '.', not starting with a digit or '.')"));
        }
    }

    private static void labels(Map<String, String> labels, String field, List<FieldError> errors) {
        if (labels == null) {
            return;
        }
        if (labels.size() > MAX_LABELS) {
            errors.add(new FieldError(field, "at most " + MAX_LABELS + " labels are allowed, got " + labels.size()));
            return;
        }
        for (Map.Entry<String, String> label : labels.entrySet()) {
            String key = label.getKey();
            if (key.length() > MAX_LABEL_KEY_LENGTH) {
                errors.add(new FieldError(field, "label names must be at most " + MAX_LABEL_KEY_LENGTH
                        + " characters, got one of " + key.length()));
            } else if (!LABEL_KEY.matcher(key).matches()) {
                errors.add(new FieldError(field, "label name '" + printable(key) + "' must match " + LABEL_KEY.pattern()));
            } else {
                labelValue(label.getValue(), field + "." + key, errors);
            }
        }
    }

    private static void labelValue(String value, String field, List<FieldError> errors) {
        if (value == null) {
            errors.add(new FieldError(field, "is required (use an empty string for no value)"));
        } else if (value.length() > MAX_LABEL_VALUE_LENGTH) {
            errors.add(new FieldError(field, "must be at most " + MAX_LABEL_VALUE_LENGTH + " characters"));
        } else if (value.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError(field, "must not contain control characters"));
        }
    }

    private void timestamp(Instant timestamp, String field, Window window, List<FieldError> errors) {
        if (timestamp == null) {
            errors.add(new FieldError(field, "is required (ISO-8601)"));
        } else if (timestamp.isAfter(window.latest())) {
            errors.add(new FieldError(field, "lies more than " + human(ingestion.maxClockSkew()) + " in the future"));
        } else if (timestamp.isBefore(window.earliest())) {
            errors.add(new FieldError(field, "is older than the raw-point retention of " + human(config.retention().raw())
                    + ", so it could not be stored"));
        }
    }

    /** A label name as it may be quoted in a message: control characters made visible, length bounded. */
    private static String printable(String text) {
        StringBuilder shown = new StringBuilder();
        text.codePoints().limit(MAX_LABEL_KEY_LENGTH).forEach(c -> {
            if (Character.isISOControl(c)) {
                shown.append(String.format("\\u%04x", c));
            } else {
                shown.appendCodePoint(c);
            }
        });
        return shown.toString();
    }

    /** 5m, 7d, 90s: how the configuration writes durations. */
    static String human(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        } else if (seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        } else if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }

    /** The instants a point may have. */
    private record Window(Instant earliest, Instant latest) {
    }
}
