/**
 * Whether a `--data` value names a base URL rather than a folder or file.
 * @example isUrl('https://deepstatemap.live/api') // true
 */
export const isUrl = (s: string): boolean => /^https?:\/\//iu.test(s);
