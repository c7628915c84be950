/**
 * `ask`, asked once and remembered: callers at the same time share one asking. A failed asking
 * is not remembered, so the next caller asks again.
 */
export function remembered<T>(ask: () => Promise<T>): () => Promise<T> {
  let answer: Promise<T> | undefined;
  return () => {
    if (!answer) {
      const asking = ask();
      answer = asking;
      asking.catch(() => {
        if (answer === asking) answer = undefined;
      });
    }
    return answer;
  };
}
