/** The databases page: per-database capacity aggregates (WhaleFall's /capacity/databases). */
import { formatCount, formatSize } from '../util/format.js';
import { calculatedCell, changeCell, instanceCell, periodCell } from './columns.js';
import { startCapacityPage } from './capacity-page.js';

startCapacityPage({
  key: 'databases',
  level: 'databases',
  title: 'Database capacity',
  lead: 'Size of every database per day, week, month or quarter, with its change against the previous period.',
  chartMode: 'database',
  tableTitle: 'Database aggregates',
  emptyTitle: 'No database aggregates match these filters',
  sorts: ['period_start', 'avg_size_mb', 'max_size_mb', 'min_size_mb', 'size_change_mb', 'size_change_percent',
    'growth_rate', 'database_name', 'instance_id', 'calculated_at'],
  rowKey: (row) => `${row.instance_id}|${row.database_name}|${row.period_type}|${row.period_start}`,
  rowLabel: (row) => `${row.instance?.name ?? row.instance_id} / ${row.database_name}`,
  forecastTarget: (row) => ({ instance_id: row.instance_id, database_name: row.database_name,
    label: `${row.instance?.name ?? `Instance ${row.instance_id}`} / ${row.database_name}` }),
  columns: [
    { key: 'instance', label: 'Instance', sort: 'instance_id', render: instanceCell },
    { key: 'database', label: 'Database', sort: 'database_name', render: (row) => row.database_name },
    { key: 'period', label: 'Period', sort: 'period_start', render: periodCell },
    { key: 'avg', label: 'Avg size', sort: 'avg_size_mb', align: 'end', render: (row) => formatSize(row.avg_size_mb) },
    { key: 'max', label: 'Max', sort: 'max_size_mb', align: 'end', render: (row) => formatSize(row.max_size_mb) },
    { key: 'min', label: 'Min', sort: 'min_size_mb', align: 'end', render: (row) => formatSize(row.min_size_mb) },
    { key: 'change', label: 'Change', sort: 'size_change_mb', align: 'end',
      render: (row) => changeCell(row.size_change_mb, row.size_change_percent) },
    { key: 'samples', label: 'Samples', align: 'end', render: (row) => formatCount(row.data_count) },
    { key: 'calculated', label: 'Calculated', sort: 'calculated_at', render: calculatedCell },
  ],
});
