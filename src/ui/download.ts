/**
 * Offers `text` to the user as a file download.
 * @example downloadText('frontline_deepstate-api_areas.csv', csv, 'text/csv')
 */
export function downloadText(filename: string, text: string, type: string): void {
  downloadBlob(filename, new Blob([text], { type }));
}

/**
 * Offers `blob` to the user as a file download (a PNG of the map, or any file's text).
 * @example downloadBlob('frontline_archive_2025-08-15_2025-11-20.png', await exportMapPng([{ map }], parts))
 */
export function downloadBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
