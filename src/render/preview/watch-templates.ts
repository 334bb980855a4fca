import { watch, type FSWatcher } from 'node:fs';

/** Calls `onChange` (debounced) when anything under `dir` changes. Returns a function that stops watching. */
export function watchTemplates(dir: string, onChange: (file: string) => void, debounceMs = 120): () => void {
  let timer: NodeJS.Timeout | undefined;
  let last = '';
  const watcher: FSWatcher = watch(dir, { recursive: true }, (_event, file) => {
    last = file ?? '';
    clearTimeout(timer);
    timer = setTimeout(() => onChange(last), debounceMs);
  });
  watcher.on('error', () => undefined);
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}
