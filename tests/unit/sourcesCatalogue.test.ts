/** geodata/sources.json names every source the adapters implement, with URL templates that match them. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { archiveFileName } from '../../src/core/index.ts';
import { DEEPSTATE_API_DEFAULT_URL } from '../../src/cli/openSource.ts';
import { ARCHIVE_DEFAULT_URL } from '../../src/sources/archive.ts';
import { SOURCE_IDS } from '../../src/sources/types.ts';

interface Entry {
  id: string;
  title: string;
  urlTemplate: string | null;
  listUrl: string | null;
  licence: string;
  termsUrl: string | null;
  attribution: string;
}
const catalogue = JSON.parse(
  readFileSync(new URL('../../geodata/sources.json', import.meta.url), 'utf8'),
) as {
  sources: Entry[];
};
const byId = new Map(catalogue.sources.map((s) => [s.id, s]));

describe('geodata/sources.json', () => {
  it('lists exactly the sources --source accepts, each with a title, licence and plain-text attribution', () => {
    expect(catalogue.sources.map((s) => s.id)).toEqual([...SOURCE_IDS]);
    for (const s of catalogue.sources) {
      expect(s.title.length).toBeGreaterThan(5);
      expect(s.licence.length).toBeGreaterThan(2);
      expect(s.attribution).not.toMatch(/[<>]/u);
    }
  });

  it('has URL templates that produce the adapters’ URLs', () => {
    expect(byId.get('deepstate-api')!.urlTemplate!.replace('{id}', '1754077960')).toBe(
      `${DEEPSTATE_API_DEFAULT_URL}/history/1754077960/geojson`,
    );
    expect(byId.get('deepstate-api')!.listUrl).toBe(`${DEEPSTATE_API_DEFAULT_URL}/history/public`);
    expect(byId.get('archive')!.urlTemplate!.replace('{YYYYMMDD}', '20250815')).toBe(
      `${ARCHIVE_DEFAULT_URL}/${archiveFileName('2025-08-15')}`,
    );
    expect(byId.get('folder')!.urlTemplate).toBeNull();
  });

  it('names the terms: DeepState’s licence page and the archive’s GPL-3.0', () => {
    expect(byId.get('deepstate-api')!.termsUrl).toBe('https://deepstatemap.live/license-en.html');
    expect(byId.get('archive')!.licence).toBe('GPL-3.0');
  });
});
