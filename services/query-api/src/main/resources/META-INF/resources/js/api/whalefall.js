/** The query-api endpoints the dashboard calls. {@code level} is "databases" or "instances". */
import { getJson, postJson } from './client.js';

/** The signed-in user, and logout. */
export const auth = {
  me: () => getJson('/api/v1/auth/me'),
  logout: () => postJson('/api/v1/auth/logout'),
};

/** Capacity aggregates, their summaries, trends and forecasts, filter choices and manual aggregation. */
export const capacity = {
  list: (level, params, options) => getJson(`/api/v1/capacity/${level}`, params, options),
  summary: (level, params, options) => getJson(`/api/v1/capacity/${level}/summary`, params, options),
  trend: (level, params, options) => getJson(`/api/v1/capacity/trends/${level}`, params, options),
  forecast: (level, params, options) => getJson(`/api/v1/capacity/forecasts/${level}`, params, options),
  instanceOptions: (params, options) => getJson('/api/v1/capacity/options/instances', params, options),
  databaseOptions: (params, options) => getJson('/api/v1/capacity/options/databases', params, options),
  aggregateCurrent: (body) => postJson('/api/v1/capacity/aggregations/current', body),
};

/** Sync sessions and their live progress stream. */
export const sessions = {
  list: (params, options) => getJson('/api/v1/sync-sessions', params, options),
  get: (id, options) => getJson(`/api/v1/sync-sessions/${encodeURIComponent(id)}`, {}, options),
  eventsUrl: (id) => `/api/v1/sync-sessions/${encodeURIComponent(id)}/events`,
};
