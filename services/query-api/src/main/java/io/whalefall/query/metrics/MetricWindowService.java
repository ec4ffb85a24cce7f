package io.whalefall.query.metrics;

import io.whalefall.platform.api.ApiException;
import io.whalefall.windows.HistogramBounds;
import io.whalefall.windows.WindowResult;
import io.whalefall.windows.WindowState;
import io.whalefall.windows.Windows;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Answers window queries from stored states, never from raw points: finds the matching series, groups them
 * by label values, reads all their states at the planned resolution with one statement, merges each
 * group's states per window start, and computes the group's windows from those (tumbling and session
 * windows with metric-windows' {@code Windows}, sliding windows with {@link SlidingWindows}).
 */
@ApplicationScoped
public class MetricWindowService {

    private final MetricSeriesQueries seriesQueries;
    private final WindowStateQueries stateQueries;
    private final MetricWindowsConfig.Query limits;

    public MetricWindowService(MetricSeriesQueries seriesQueries, WindowStateQueries stateQueries,
            MetricWindowsConfig config) {
        this.seriesQueries = seriesQueries;
        this.stateQueries = stateQueries;
        this.limits = config.query();
    }

    /** The windows of every group of the plan's query. */
    public WindowsView compute(WindowPlan plan) {
        WindowRequest request = plan.request();
        List<MetricSeries> series = seriesQueries.matching(request.metric(), request.filters(), limits.maxSeries() + 1);
        if (series.size() > limits.maxSeries()) {
            throw ApiException.validation("metric", "more than " + limits.maxSeries() + " series of " + request.metric()
                    + " match, more than one query may read: add label.<name>=<value> filters");
        }
        Map<SortedMap<String, String>, List<MetricSeries>> groups = group(series, request.grouping());
        requireWithinLimits(plan, series.size(), groups.size());
        Map<UUID, GroupTimeline> timelines = timelines(groups);
        if (!series.isEmpty()) {
            stateQueries.read(timelines.keySet(), plan.resolution(), plan.readFrom(), plan.readTo()).forEach(stored -> {
                GroupTimeline timeline = timelines.get(stored.seriesId());
                timeline.add(stored.start(), WindowState.decode(stored.state(), timeline.bounds()));
            });
        }
        WindowFormatter formatter = new WindowFormatter(request.functions());
        List<GroupView> views = new ArrayList<>();
        long windows = 0;
        for (Map.Entry<SortedMap<String, String>, List<MetricSeries>> group : groups.entrySet()) {
            List<WindowResult> results = windows(plan, timelines.get(group.getValue().get(0).seriesId()));
            windows += results.size();
            views.add(new GroupView(group.getKey(), group.getValue().size(),
                    results.stream().map(formatter::format).toList()));
        }
        if (plan.request().windows().kind() == WindowSpec.Kind.SESSION && windows > limits.maxPoints()) {
            // tumbling and sliding windows were counted before reading; sessions only exist once computed
            throw ApiException.validation("session_gap", windows + " sessions, more than the " + limits.maxPoints()
                    + " a response may hold: use a longer gap, a shorter range or fewer groups");
        }
        return view(plan, series.size(), views);
    }

    private static List<WindowResult> windows(WindowPlan plan, GroupTimeline timeline) {
        WindowSpec spec = plan.request().windows();
        return switch (spec.kind()) {
            case TUMBLING -> Windows.tumbling(timeline.states(), plan.resolution(), spec.size().duration(), plan.from(),
                    plan.to(), timeline.bounds());
            case SLIDING -> SlidingWindows.compute(timeline.states(), spec.size().duration(), spec.slide().duration(),
                    plan.from(), plan.to(), timeline.bounds());
            case SESSION -> Windows.sessions(timeline.states(), plan.resolution(), spec.gap().duration(),
                    timeline.bounds());
        };
    }

    /** The series by group labels, groups ordered by their labels. */
    private static Map<SortedMap<String, String>, List<MetricSeries>> group(List<MetricSeries> series, Grouping grouping) {
        Map<String, SortedMap<String, String>> labelsByKey = new TreeMap<>();
        Map<String, List<MetricSeries>> seriesByKey = new HashMap<>();
        for (MetricSeries one : series) {
            SortedMap<String, String> labels = grouping.groupLabels(one.labels());
            String key = sortKey(labels);
            labelsByKey.putIfAbsent(key, labels);
            seriesByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(one);
        }
        Map<SortedMap<String, String>, List<MetricSeries>> groups = new LinkedHashMap<>();
        labelsByKey.forEach((key, labels) -> groups.put(labels, seriesByKey.get(key)));
        return groups;
    }

    /** One timeline per group, reachable from each of its series; a group's series must share histogram bounds. */
    private static Map<UUID, GroupTimeline> timelines(Map<SortedMap<String, String>, List<MetricSeries>> groups) {
        Map<String, HistogramBounds> parsed = new HashMap<>();
        Map<UUID, GroupTimeline> timelines = new HashMap<>();
        groups.forEach((labels, members) -> {
            List<HistogramBounds> bounds = members.stream()
                    .map(s -> parsed.computeIfAbsent(s.histogramBounds(), HistogramBounds::parse)).distinct().toList();
            if (bounds.size() > 1) {
                throw ApiException.validation("group_by", "the series of the group " + labels + " have different "
                        + "histogram bounds (" + bounds.stream().map(HistogramBounds::toString)
                        .collect(Collectors.joining(" / ")) + "), which cannot be merged: group by more labels");
            }
            GroupTimeline timeline = new GroupTimeline(bounds.get(0));
            members.forEach(member -> timelines.put(member.seriesId(), timeline));
        });
        return timelines;
    }

    private void requireWithinLimits(WindowPlan plan, int series, int groups) {
        long points = plan.windowCount() * groups;
        if (points > limits.maxPoints()) {
            throw ApiException.validation("group_by", groups + " groups × " + plan.windowCount() + " windows = " + points
                    + ", more than the " + limits.maxPoints() + " windows a response may hold: add label filters, "
                    + "group by fewer labels, use larger windows or a shorter range");
        }
        long states = plan.statesPerSeries() * series;
        if (states > limits.maxStates()) {
            throw ApiException.validation("from", "the query would read up to " + states + " stored "
                    + plan.resolution().code() + " windows (" + series + " series × " + plan.statesPerSeries()
                    + "), more than the " + limits.maxStates() + " allowed: add label filters, shorten the range, or "
                    + "use windows that are whole hours or days");
        }
    }

    private static WindowsView view(WindowPlan plan, int series, List<GroupView> groups) {
        WindowRequest request = plan.request();
        WindowSpec spec = request.windows();
        return new WindowsView(request.metric(), spec.kind().code(), plan.resolution().code(),
                spec.size() == null ? null : spec.size().text(), spec.slide() == null ? null : spec.slide().text(),
                spec.gap() == null ? null : spec.gap().text(), plan.from(), plan.to(), request.grouping().echo(),
                request.functions().codes(), List.copyOf(request.functions().quantiles().keySet()), series, groups);
    }

    /** Orders groups by label names and values; a missing value sorts first. */
    private static String sortKey(SortedMap<String, String> labels) {
        StringBuilder key = new StringBuilder();
        labels.forEach((name, value) -> key.append(name).append('\u0000')
                .append(value == null ? "\u0000" : "\u0001" + value).append('\u0000'));
        return key.toString();
    }
}
