package io.whalefall.query.capacity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The columns a list may be sorted by (public name → SQL column), and the tie-breakers that make the
 * order total, so that paging never shows a row twice or skips one.
 */
public final class SortColumns {

    private final Map<String, String> columns;
    private final String defaultKey;
    private final List<String> tieBreakers;

    /**
     * @param defaultKey  the public name used when the request names none
     * @param columns     public name → SQL column
     * @param tieBreakers ORDER BY terms appended after the chosen column (skipping that column)
     */
    public SortColumns(String defaultKey, Map<String, String> columns, List<String> tieBreakers) {
        if (!columns.containsKey(defaultKey)) {
            throw new IllegalArgumentException("default sort " + defaultKey + " is not a sort column");
        }
        this.columns = new TreeMap<>(columns);
        this.defaultKey = defaultKey;
        this.tieBreakers = List.copyOf(tieBreakers);
    }

    /** The accepted public names. */
    public List<String> keys() {
        return List.copyOf(columns.keySet());
    }

    /** The default sort column's public name. */
    public String defaultKey() {
        return defaultKey;
    }

    /** The ORDER BY clause (without the keywords) for a validated request. */
    public String orderBy(PageRequest request) {
        String column = columns.get(request.sort());
        List<String> terms = new ArrayList<>();
        terms.add(column + (request.descending() ? " DESC" : " ASC"));
        for (String term : tieBreakers) {
            if (!term.split(" ")[0].equals(column)) {
                terms.add(term);
            }
        }
        return String.join(", ", terms);
    }
}
