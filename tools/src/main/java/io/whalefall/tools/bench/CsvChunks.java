package io.whalefall.tools.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** CSV rows for a COPY baseline, built in chunks of about 8 MB so that no single string grows huge. */
final class CsvChunks {

    private static final int CHUNK = 8 << 20;

    private final List<byte[]> chunks = new ArrayList<>();
    private final StringBuilder current = new StringBuilder(CHUNK);

    /** Where to append the next row (starting a new chunk when this one is nearly full). */
    StringBuilder row() {
        if (current.length() > CHUNK - 4096) {
            flush();
        }
        return current;
    }

    /** Every chunk, the last one included. */
    List<byte[]> finish() {
        flush();
        return chunks;
    }

    private void flush() {
        if (!current.isEmpty()) {
            chunks.add(current.toString().getBytes(StandardCharsets.UTF_8));
            current.setLength(0);
        }
    }
}
