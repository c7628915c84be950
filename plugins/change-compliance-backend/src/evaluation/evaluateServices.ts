import { VerdictRecord } from '../database/records';
import {
  EvaluationOptions,
  EvaluationRun,
  judgeService,
  ServiceToEvaluate,
} from './ServiceEvaluator';

/**
 * evaluateService for several services, one after another, each one's verdicts saved while the
 * next is judged: with PostgreSQL the database stores one service's results while this process
 * judges the next, on the other core (SQLite's single connection takes the two in turn). A
 * service that cannot be evaluated or saved is reported to `onError`, and the others go on.
 * Returns each service's run, undefined for one that failed.
 */
export async function evaluateServices(
  options: EvaluationOptions & {
    services: ServiceToEvaluate[];
    onError: (service: ServiceToEvaluate, error: unknown) => void;
  },
): Promise<(EvaluationRun | undefined)[]> {
  const { services, onError, ...common } = options;
  const runs: (EvaluationRun | undefined)[] = services.map(() => undefined);
  const save = async (index: number, records: VerdictRecord[]) => {
    try {
      const changes =
        records.length > 0
          ? await common.store.saveVerdictRecords(records, common.cause)
          : [];
      runs[index] = { evaluated: records.length, changes };
    } catch (error) {
      onError(services[index], error);
    }
  };
  let saving: Promise<void> = Promise.resolve();
  for (const [index, service] of services.entries()) {
    let records: VerdictRecord[];
    try {
      records = await judgeService({ ...common, service });
    } catch (error) {
      onError(service, error);
      continue;
    }
    // One save at a time, in order: at most two services' verdicts are held in memory.
    await saving;
    saving = save(index, records);
  }
  await saving;
  return runs;
}
