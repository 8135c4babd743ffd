/**
 * Runs `task` for every item, at most `limit` at once, and returns the results in the items'
 * order. The first failure stops new tasks from starting; those running finish, then it is thrown
 * (a partial answer must not read as a whole one).
 */
export async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  let failure: { readonly error: unknown } | undefined;
  const worker = async () => {
    while (next < items.length && failure === undefined) {
      const index = next++;
      try {
        results[index] = await task(items[index]);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  const workers = Math.min(Math.max(1, limit), items.length);
  await Promise.all(Array.from({ length: workers }, worker));
  if (failure !== undefined) throw failure.error;
  return results;
}
