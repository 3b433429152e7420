/**
 * Where the screen's own preferences (a panel folded or open) are kept on this device: the
 * browser's localStorage, read and written synchronously so the first paint already shows them.
 * They are not orders and never sync. A browser that refuses storage (a locked-down profile, a
 * full quota) only forgets them.
 */
export interface PrefsStorage {
  read(key: string): string | null;
  write(key: string, value: string): void;
}

export function browserPrefsStorage(): PrefsStorage {
  return {
    read(key) {
      try {
        return globalThis.localStorage.getItem(key);
      } catch {
        return null;
      }
    },
    write(key, value) {
      try {
        globalThis.localStorage.setItem(key, value);
      } catch {
        // Not kept: the preference lasts until the tab closes.
      }
    },
  };
}
