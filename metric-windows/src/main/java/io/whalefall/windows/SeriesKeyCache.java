package io.whalefall.windows;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The series keys a service has made lately, by metric and labels as a point or an event names them. Making a
 * key sorts the labels, writes the canonical form and hashes it into the id; every batch names the same series
 * again, and each service did that work for every series of every batch (11 to 14 % of each service's CPU in
 * the metric benchmark). A lookup only hashes and compares the name. Bounded: beyond {@code maximumSize}
 * series the least used are made again when they come back.
 */
public final class SeriesKeyCache {

    private final Cache<Name, SeriesKey> keys;

    /** @param maximumSize most keys kept */
    public SeriesKeyCache(long maximumSize) {
        this.keys = Caffeine.newBuilder().maximumSize(maximumSize).build();
    }

    /** The key of {@code metric} with {@code labels} (null means none), as {@link SeriesKey#of} makes it. */
    public SeriesKey of(String metric, Map<String, String> labels) {
        Map<String, String> named = labels == null ? Map.of() : labels;
        SeriesKey key = keys.getIfPresent(new Name(metric, named));
        if (key == null) {
            key = SeriesKey.of(metric, named);
            // a copy: the caller's map may change after this call, a cached name must not
            keys.put(new Name(metric, new HashMap<>(named)), key);
        }
        return key;
    }

    /**
     * A series as a point or an event names it, before its labels are sorted and its id computed. Its hash
     * mixes each label's before adding them up (the order of labels must not matter): a map's own hash
     * adds up {@code key ^ value}, and names that differ in a character or two of their values, as series
     * do, collide on it (10,000 benchmark series had 1,653 distinct map hashes), which made every lookup
     * compare several names.
     */
    private static final class Name {

        private final String metric;
        private final Map<String, String> labels;
        private final int hash;

        Name(String metric, Map<String, String> labels) {
            this.metric = metric;
            this.labels = labels;
            int h = metric == null ? 0 : metric.hashCode();
            for (Map.Entry<String, String> label : labels.entrySet()) {
                h += mix(31 * Objects.hashCode(label.getKey()) + Objects.hashCode(label.getValue()));
            }
            this.hash = mix(h);
        }

        /** MurmurHash3's 32-bit finaliser: every input bit moves about half of the output bits. */
        private static int mix(int h) {
            h ^= h >>> 16;
            h *= 0x85ebca6b;
            h ^= h >>> 13;
            h *= 0xc2b2ae35;
            return h ^ (h >>> 16);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Name that && hash == that.hash && Objects.equals(metric, that.metric)
                    && labels.equals(that.labels);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
