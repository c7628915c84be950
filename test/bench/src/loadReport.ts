/* The load benchmark's results as markdown, ready for docs/benchmarks.md. */
import { IngestionResult } from './loadIngestion';
import { ReadResult } from './loadReads';
import { StoreOnlyResult } from './loadStoreOnly';

const ms = (value: number | undefined) =>
  value === undefined ? '–' : `${Math.round(value)} ms`;
const thousands = (value: number) => value.toLocaleString('en-US');

export function markdownTables(report: {
  storeOnly: StoreOnlyResult[];
  reads: ReadResult[];
  ingestion?: IngestionResult;
}): string {
  const lines: string[] = [];
  if (report.reads.length > 0) {
    const store = (r: ReadResult) => {
      const s = report.storeOnly.find(
        o => o.endpoint === r.endpoint && o.concurrency === r.connections,
      );
      return s ? `${ms(s.p50Ms)} / ${ms(s.p95Ms)}` : '–';
    };
    lines.push(
      '| endpoint | clients | requests/s | p50 | p95 | p99 | max | non-2xx / errors | store only: p50 / p95 |',
      '| -------- | ------: | ---------: | --: | --: | --: | --: | ---------------: | --------------------: |',
    );
    for (const r of report.reads) {
      lines.push(
        `| ${r.endpoint} | ${r.connections} | ${thousands(
          r.requestsPerSecond,
        )} | ${ms(r.p50Ms)} | ${ms(r.p95Ms)} | ${ms(r.p99Ms)} | ${ms(
          r.maxMs,
        )} | ${r.non2xx} / ${r.errors} | ${store(r)} |`,
      );
    }
  }
  const i = report.ingestion;
  if (i) {
    lines.push(
      '',
      '| ingestion | value |',
      '| --------- | ----- |',
      `| posts (distinct events + repeats) | ${thousands(i.posts)} (${thousands(
        i.distinctEvents,
      )} + ${thousands(i.repeats)}) |`,
      `| target rate | ${i.targetRate}/s for ${i.seconds} s |`,
      `| distinct events not sent (no slot within the window + 30 s) | ${thousands(
        i.eventsNotSent,
      )} |`,
      `| posts sent per second | ${i.sentRate}/s (last post left after ${i.sendSeconds} s) |`,
      `| posts answered per second | ${i.answeredRate}/s (last answer ${i.drainSeconds} s after the last post left) |`,
      `| answers | ${Object.entries(i.statuses)
        .map(([status, n]) => `${status}: ${thousands(n)}`)
        .join(', ')} |`,
      `| latency from due time p50 / p95 / p99 / max | ${ms(
        i.latencyFromDue.p50Ms,
      )} / ${ms(i.latencyFromDue.p95Ms)} / ${ms(i.latencyFromDue.p99Ms)} / ${ms(
        i.latencyFromDue.maxMs,
      )} |`,
      `| latency from send p50 / p95 / p99 / max | ${ms(
        i.latencyFromSend.p50Ms,
      )} / ${ms(i.latencyFromSend.p95Ms)} / ${ms(
        i.latencyFromSend.p99Ms,
      )} / ${ms(i.latencyFromSend.maxMs)} |`,
      `| most posts in flight | ${i.maxInFlight} |`,
      `| sent events stored / lost / duplicated | ${thousands(
        i.database.deploymentsFound,
      )} / ${i.database.lost.length} / ${i.database.duplicated} |`,
      `| events with a verdict | ${thousands(i.database.withVerdict)} |`,
      `| verdict history entries per event (entries: events) | ${Object.entries(
        i.database.historyEntries,
      )
        .map(([entries, n]) => `${entries}: ${thousands(n)}`)
        .join(', ')} |`,
      `| events answered 201 (created) more than once | ${i.createdTwice} |`,
    );
  }
  return lines.join('\n');
}
