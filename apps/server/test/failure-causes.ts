import { beforeEach } from 'vitest';

// A failed test's errors name their causes in the report's first lines: drizzle wraps every database error as
// "Failed query: <sql>" with PostgreSQL's message only in `cause`, and the JSON report that scripts/test.mjs
// summarises at the end of `npm test` keeps just the stack (CI, 2026-12-04: a duplicate key nobody could see).
beforeEach(({ onTestFailed }) => {
  onTestFailed(({ task }) => {
    for (const error of task.result?.errors ?? []) {
      const causes: string[] = [];
      for (let cause = error.cause as { message?: string; code?: string; cause?: unknown } | undefined; cause;) {
        causes.push(`${cause.code ? `[${cause.code}] ` : ''}${cause.message ?? String(cause)}`);
        cause = cause.cause as typeof cause;
      }
      if (!causes.length || !error.stack) continue;
      const [first, ...rest] = error.stack.split('\n');
      error.stack = [first, `Caused by: ${causes.join(' ← ')}`, ...rest].join('\n');
    }
  });
});
