/** The report: readable text for a terminal, and JSON for machines (`--json`). */
import type { CheckResult } from './runner.js';
import { summarize } from './runner.js';

export interface RunReport {
  baseUrl: string;
  /** How the phone was played: `control` (the test-control interface), `interactive`, or `none`. */
  phone: 'control' | 'interactive' | 'none';
  clock: boolean;
  users: { user: string; otherUser: string };
  startedAt: string;
  durationMs: number;
  summary: { passed: number; failed: number; skipped: number };
  results: CheckResult[];
}

export function buildReport(fields: Omit<RunReport, 'summary'>): RunReport {
  return { ...fields, summary: summarize(fields.results) };
}

const TAG = { pass: 'PASS', fail: 'FAIL', skip: 'SKIP' } as const;

/** One line per check as it finishes; failures and skips say why, indented. */
export function formatResult(result: CheckResult, { verbose = false }: { verbose?: boolean } = {}): string {
  const rule = result.rule ? ` [${result.rule}]` : '';
  const time = result.outcome === 'skip' && result.ms === 0 ? '' : ` (${formatMs(result.ms)})`;
  const lines = [`${TAG[result.outcome]}  ${result.id}${rule}: ${result.title}${time}`];
  if (result.reason) lines.push(...result.reason.split('\n').map((line, i) => `      ${i === 0 ? (result.outcome === 'fail' ? 'why: ' : 'skipped: ') : '     '}${line}`));
  if (verbose || result.outcome === 'fail') lines.push(...result.notes.map((note) => `      note: ${note}`));
  return lines.join('\n');
}

export function formatHeader(report: Pick<RunReport, 'baseUrl' | 'phone' | 'clock' | 'users'>): string {
  const phone =
    report.phone === 'control'
      ? `the test-control interface${report.clock ? ' (with its clock)' : ' (no clock: time-based checks are skipped)'}`
      : report.phone === 'interactive'
        ? 'you (interactive)'
        : 'nobody (no test-control interface, no --interactive): checks that need a phone are skipped';
  return [
    `mfa-prompt conformance kit: ${report.baseUrl}`,
    `  users: ${report.users.user} (main), ${report.users.otherUser} (second)`,
    `  phone: ${phone}`,
    '',
  ].join('\n');
}

export function formatSummary(report: RunReport): string {
  const { passed, failed, skipped } = report.summary;
  return `\n${passed} passed, ${failed} failed, ${skipped} skipped (${formatMs(report.durationMs)})`;
}

export function formatText(report: RunReport, options: { verbose?: boolean } = {}): string {
  return `${formatHeader(report)}${report.results.map((r) => formatResult(r, options)).join('\n')}\n${formatSummary(report)}\n`;
}

export function formatJson(report: RunReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
