/**
 * Writes the permalink (`?source=…&t=…`) into the address bar. During playback the timeline date changes up to 20
 * times a second: browsers limit history updates (Chromium ignores them beyond 200 in 10 s, Safari throws beyond
 * 100 in 30 s) and each costs the page several milliseconds. So a change of the timeline date alone is written at
 * most every `intervalMs`, the last one always landing; any other change is written at once, as before.
 * @example const write = permalinkWriter(); write('?source=archive&t=2025-08-15');
 */
export function permalinkWriter(
  replace: (url: string) => void = (url) => history.replaceState(null, '', url),
  intervalMs = 500,
): (url: string) => void {
  let lastWritten = '';
  let lastAt = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let waiting = '';

  const withoutDate = (url: string) => {
    const p = new URLSearchParams(url);
    p.delete('t');
    return p.toString();
  };
  const write = (url: string) => {
    clearTimeout(timer);
    timer = undefined;
    lastWritten = url;
    lastAt = Date.now();
    replace(url);
  };

  return (url) => {
    if (url === lastWritten) {
      clearTimeout(timer);
      timer = undefined;
      return;
    }
    const onlyDate = lastWritten !== '' && withoutDate(url) === withoutDate(lastWritten);
    const wait = lastAt + intervalMs - Date.now();
    if (!onlyDate || wait <= 0) {
      write(url);
      return;
    }
    waiting = url;
    timer ??= setTimeout(() => write(waiting), wait);
  };
}
