// Settings are re-checked on every keystroke with mostly the same strings: remember the answers of pure
// string functions (bounded; the whole memo is dropped when full).
export function memoize<T>(compute: (key: string) => T, limit = 20_000): (key: string) => T {
  const answers = new Map<string, T>();
  return (key) => {
    if (answers.has(key)) return answers.get(key) as T;
    if (answers.size >= limit) answers.clear();
    const answer = compute(key);
    answers.set(key, answer);
    return answer;
  };
}
