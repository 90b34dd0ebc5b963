export { JobRunner } from './job-runner.js'
export { type JobRow, type JobStatus, JobStore, LEASE_MS } from './job-store.js'
export type { ScheduleScope } from './schedules.js'
