/** Whether the browser believes it is online, and a subscription to changes. */
export function isOnline(): boolean {
  return navigator.onLine;
}

export function onNetworkChange(listener: (online: boolean) => void): () => void {
  const on = () => listener(true);
  const off = () => listener(false);
  window.addEventListener('online', on);
  window.addEventListener('offline', off);
  return () => {
    window.removeEventListener('online', on);
    window.removeEventListener('offline', off);
  };
}
