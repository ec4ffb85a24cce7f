package io.whalefall.query.metrics;

import io.whalefall.windows.WindowState;

/**
 * A window state in its stored form, with the figures the read model keeps beside it in columns. The
 * projection holds states this way between reading and writing them, and decodes one only to merge it, so a
 * group of thousands of windows never keeps thousands of decoded sketches alive at once.
 *
 * @param bytes the state as {@link WindowState#encode} writes it
 */
record EncodedState(byte[] bytes, long count, double sum, double min, double max, double mean) {

    /** The stored form of {@code state}. */
    static EncodedState of(WindowState state) {
        return of(state.encode(), state);
    }

    /** {@code bytes}, which decode to {@code state}, with the state's figures. */
    static EncodedState of(byte[] bytes, WindowState state) {
        return new EncodedState(bytes, state.count(), state.sum(), state.min(), state.max(), state.mean());
    }
}
