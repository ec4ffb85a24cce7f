/** The instances page: per-instance capacity aggregates (WhaleFall's /capacity/instances). */
import { h, icon } from '../util/dom.js';
import { formatCount, formatSize } from '../util/format.js';
import { calculatedCell, changeCell, instanceCell, periodCell } from './columns.js';
import { startCapacityPage } from './capacity-page.js';

const TRENDS = { growing: ['arrow-up-right', 'Growing'], shrinking: ['arrow-down-right', 'Shrinking'],
  stable: ['arrow-right', 'Stable'] };

startCapacityPage({
  key: 'instances',
  level: 'instances',
  title: 'Instance capacity',
  lead: 'Total size of every instance per day, week, month or quarter, its databases and its growth.',
  chartMode: 'instance',
  tableTitle: 'Instance aggregates',
  emptyTitle: 'No instance aggregates match these filters',
  sorts: ['period_start', 'total_size_mb', 'avg_size_mb', 'max_size_mb', 'min_size_mb', 'total_size_change_mb',
    'total_size_change_percent', 'growth_rate', 'database_count', 'instance_id', 'calculated_at'],
  rowKey: (row) => `${row.instance_id}|${row.period_type}|${row.period_start}`,
  rowLabel: (row) => row.instance?.name ?? `instance ${row.instance_id}`,
  forecastTarget: (row) => ({ instance_id: row.instance_id, label: row.instance?.name ?? `Instance ${row.instance_id}` }),
  columns: [
    { key: 'instance', label: 'Instance', sort: 'instance_id', render: instanceCell },
    { key: 'period', label: 'Period', sort: 'period_start', render: periodCell },
    { key: 'total', label: 'Total size', sort: 'total_size_mb', align: 'end', render: (row) => formatSize(row.total_size_mb) },
    { key: 'per-database', label: 'Per database', sort: 'avg_size_mb', align: 'end', render: (row) => formatSize(row.avg_size_mb) },
    { key: 'max', label: 'Max', sort: 'max_size_mb', align: 'end', render: (row) => formatSize(row.max_size_mb) },
    { key: 'min', label: 'Min', sort: 'min_size_mb', align: 'end', render: (row) => formatSize(row.min_size_mb) },
    { key: 'databases', label: 'Databases', sort: 'database_count', align: 'end', render: (row) => formatCount(row.database_count) },
    { key: 'change', label: 'Change', sort: 'total_size_change_mb', align: 'end',
      render: (row) => changeCell(row.total_size_change_mb, row.total_size_change_percent) },
    { key: 'trend', label: 'Trend', render: trendCell },
    { key: 'calculated', label: 'Calculated', sort: 'calculated_at', render: calculatedCell },
  ],
});

function trendCell(row) {
  const [symbol, label] = TRENDS[row.trend_direction] ?? ['dash', row.trend_direction ?? '—'];
  return h('span', { class: 'text-nowrap' }, icon(symbol, 'me-1'), label);
}
