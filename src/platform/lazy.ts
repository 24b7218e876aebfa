/** `load` runs on the first call and later calls share its answer; a failure is not kept, the next call tries again. */
export function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let kept: Promise<T> | undefined;
  return () =>
    (kept ??= load().catch((error: unknown) => {
      kept = undefined;
      throw error;
    }));
}
