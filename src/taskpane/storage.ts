/**
 * What the pane remembers between openings, in the browser's local storage. Remembering is a convenience: where
 * storage is disabled (private mode, locked-down Office) or full, nothing is remembered and nothing fails.
 */

/** The value stored under `key`, parsed; undefined when there is none or storage cannot be read. */
export function loadStored(key: string): unknown {
  try {
    const text = window.localStorage.getItem(key);
    return text === null ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

export function store(key: string, value: unknown): void {
  try {
    window.localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Full or disabled storage: the choice is simply not remembered.
  }
}
