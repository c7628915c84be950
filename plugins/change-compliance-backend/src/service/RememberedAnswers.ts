import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { EvidenceStore } from '../database/EvidenceStore';

/** An answer as sent: JSON text, and its entity tag when it was remembered. */
export interface JsonAnswer {
  body: string;
  /** Computed once with the answer, instead of hashing the same text for every request. */
  etag?: string;
}

interface Answer extends JsonAnswer {
  revision: string;
}

/**
 * The API's answers about a service, remembered with the service's revision (the store's
 * `serviceRevision`) and given again, as the same JSON text, while the revision stands.
 *
 * Why: a service's summary counts thousands of verdicts, and its deployment list reads and
 * serialises a page of check results; a team's dashboard asks both for every viewer, and the
 * answers change only when the service's deployments, verdicts or running artefacts do. Every
 * request still reads the revision (one primary-key lookup), so an answer is never older than the
 * evidence: the revision moves in the same transaction as the change, on whichever replica made
 * it. Answers must depend on nothing but the question and the service's evidence (no clock).
 *
 * Bounded by the answers' total size, least recently used first out; zero megabytes turns it off.
 */
export class RememberedAnswers {
  private readonly answers?: LRUCache<string, Answer>;
  /** Answers being computed, so that a burst of the same question computes it once. */
  private readonly pending = new Map<string, Promise<JsonAnswer>>();

  constructor(
    private readonly store: Pick<EvidenceStore, 'serviceRevision'>,
    options: { megabytes: number },
  ) {
    if (options.megabytes > 0) {
      this.answers = new LRUCache<string, Answer>({
        maxSize: options.megabytes * 1024 * 1024,
        // JSON text is mostly ASCII: its length is close enough to its size in bytes.
        sizeCalculation: answer => answer.body.length + 64,
      });
    }
  }

  /** The answer to `question` about the service. */
  async answer(
    serviceRef: string,
    question: string,
    compute: () => Promise<unknown>,
  ): Promise<JsonAnswer> {
    if (!this.answers) return { body: JSON.stringify(await compute()) };
    const revision = await this.store.serviceRevision(serviceRef);
    const key = JSON.stringify([serviceRef, question]);
    const remembered = this.answers.get(key);
    if (remembered?.revision === revision) return remembered;

    const computing = `${key}\n${revision}`;
    let answer = this.pending.get(computing);
    if (!answer) {
      answer = compute()
        .then(value => {
          const body = JSON.stringify(value);
          const etag = `W/"${createHash('sha1')
            .update(body)
            .digest('base64url')}"`;
          const computed = { revision, body, etag };
          this.answers?.set(key, computed);
          return computed;
        })
        .finally(() => this.pending.delete(computing));
      this.pending.set(computing, answer);
    }
    return answer;
  }
}
