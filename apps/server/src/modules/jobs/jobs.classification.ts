import type { PiClass } from '../../db/classification';

/**
 * The personal-information class of each column of the job runner's tables (migration 0019; the platform owns the
 * tables, this module shows them). Job names, times, counts and the jobs' own error messages: nothing about a person.
 */
const classification: Record<string, Record<string, PiClass>> = {
  job_schedules: {
    name: 'none',
    every_ms: 'none',
    next_run_at: 'none',
    locked_until: 'none',
    locked_by: 'none',
    last_started_at: 'none',
    last_finished_at: 'none',
    last_error: 'none',
    last_error_at: 'none',
    last_handled: 'none',
    runs: 'none',
    failures: 'none',
    consecutive_failures: 'none',
  },
  job_runs: {
    id: 'none',
    name: 'none',
    slot: 'none',
    runner: 'none',
    started_at: 'none',
    finished_at: 'none',
    ok: 'none',
    handled: 'none',
    error: 'none',
  },
};
export default classification;
