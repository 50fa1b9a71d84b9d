/**
 * Issue #14: when one of the second opinion's two sources cannot be read, the panel names that one — the active
 * source or the second — instead of always the second. Three layers: the data worker says which source failed
 * (src/ui/worker/handle.ts, fetch stubbed), the SecondOpinion state tells the active source from the second
 * (its worker client stubbed), and the wording names it by its title in English and Ukrainian.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { translate } from '../../src/ui/i18n/translate.ts';
import { opinionFailureText } from '../../src/ui/opinionFailure.ts';
import { SourceFailed, failedSource } from '../../src/ui/worker/sourceFailed.ts';

const { ask } = vi.hoisted(() => ({ ask: vi.fn() }));
vi.mock('../../src/ui/worker/dataClient.ts', () => ({
  ask,
  isSuperseded: () => false,
}));

describe('the wording', () => {
  it('names the active source by its title when it is the one that failed', () => {
    const failure = { side: 'primary', source: 'archive', error: 'HTTP 500: down' } as const;
    expect(opinionFailureText('en', failure)).toBe(
      'The active source (DeepState daily archive) could not be read: HTTP 500: down',
    );
    expect(opinionFailureText('uk', failure)).toBe(
      'Не вдалося прочитати активне джерело (Щоденний архів DeepState): HTTP 500: down',
    );
  });

  it('names the second source by its title when it is the one that failed', () => {
    const failure = { side: 'second', source: 'owlmaps', error: 'HTTP 403' } as const;
    expect(opinionFailureText('en', failure)).toBe(
      'The second source (UA Control Map) could not be read: HTTP 403',
    );
    expect(opinionFailureText('uk', failure)).toBe(
      'Не вдалося прочитати друге джерело (Карта UA Control Map): HTTP 403',
    );
    // The other source's title appears nowhere.
    expect(opinionFailureText('en', failure)).not.toContain('DeepState');
  });

  it('puts our own message for the reason in the same language', () => {
    const failure = {
      side: 'primary',
      source: 'deepstate-api',
      error: { key: 'compare.noneLoaded', params: { date: '2025-09-01' } },
    } as const;
    expect(opinionFailureText('uk', failure)).toBe(
      `Не вдалося прочитати активне джерело (Версії DeepStateMap): ${translate('uk', 'compare.noneLoaded', { date: '2025-09-01' })}`,
    );
  });
});

describe('SecondOpinion: which side failed', () => {
  async function opinionAfter(rejection: unknown, primary: 'archive' | 'owlmaps' = 'archive') {
    const { SecondOpinion } = await import('../../src/ui/secondOpinion.svelte.ts');
    const opinion = new SecondOpinion('0.0.0-test');
    opinion.withId = primary === 'archive' ? 'owlmaps' : 'archive';
    opinion.date = '2025-09-01';
    if (rejection instanceof Error) ask.mockRejectedValue(rejection);
    else ask.mockResolvedValue(rejection);
    await opinion.compare({ sourceId: primary });
    return opinion;
  }

  it('the active source failing is said of the active source', async () => {
    const opinion = await opinionAfter(new SourceFailed('HTTP 500: down', 'archive'));
    expect(opinion.status).toBe('error');
    expect(opinion.failure).toEqual({ side: 'primary', source: 'archive', error: 'HTTP 500: down' });
    expect(opinionFailureText('en', opinion.failure!)).toMatch(
      /^The active source \(DeepState daily archive\)/u,
    );
  });

  it('the second source failing is said of the second source, whichever is active', async () => {
    expect((await opinionAfter(new SourceFailed('HTTP 403', 'owlmaps'))).failure).toMatchObject({
      side: 'second',
      source: 'owlmaps',
    });
    expect((await opinionAfter(new SourceFailed('HTTP 403', 'archive'), 'owlmaps')).failure).toMatchObject({
      side: 'second',
      source: 'archive',
    });
  });

  it('a failure of neither source (the boundaries, the worker) names no source', async () => {
    const opinion = await opinionAfter(new Error('oblasts: HTTP 503'));
    expect(opinion.failure).toBeNull();
    expect(opinion.error).toEqual({ key: 'opinion.failed', params: { error: 'oblasts: HTTP 503' } });
  });

  it('no version of the active source loads for the date: said of the active source', async () => {
    const opinion = await opinionAfter({
      kind: 'atError',
      error: { code: 'noneLoaded', source: 'archive', date: '2025-09-01', message: '…' },
    });
    expect(opinion.failure).toEqual({
      side: 'primary',
      source: 'archive',
      error: { key: 'compare.noneLoaded', params: { date: '2025-09-01' } },
    });
  });
});

describe('the data worker names the source that failed', () => {
  const origin = 'http://frontline.test';
  let archiveDelayMs = 0;
  let owlmapsDelayMs = 0;
  const later = (ms: number, r: () => Response) =>
    new Promise<Response>((ok) => setTimeout(() => ok(r()), ms));

  beforeEach(() => {
    vi.stubGlobal('location', new URL(`${origin}/`));
    vi.stubGlobal('fetch', async (input: string | URL | Request) => {
      const url = new URL(String(input instanceof Request ? input.url : input), origin);
      // The archive lists one day and refuses its file; UA Control Map refuses its list. 403: no retries.
      if (url.pathname === '/api/archive/_index.json')
        return Response.json(['deepstatemap_data_20250901.geojson']);
      if (url.pathname.startsWith('/api/archive/'))
        return later(archiveDelayMs, () => new Response('archive refused', { status: 403 }));
      if (url.pathname.startsWith('/api/owlmaps/'))
        return later(owlmapsDelayMs, () => new Response('owlmaps refused', { status: 403 }));
      // The boundaries: later than either source, so neither side's failure waits on them.
      return later(2000, () => new Response('not here', { status: 404 }));
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  async function assess(a: 'archive' | 'owlmaps', b: 'archive' | 'owlmaps') {
    vi.resetModules();
    const { handle } = await import('../../src/ui/worker/handle.ts');
    const sourceFailed = await import('../../src/ui/worker/sourceFailed.ts');
    const asset = (name: string) => `${origin}/assets/${name}`;
    await handle(
      {
        kind: 'init',
        urls: {
          oblasts: asset('oblasts.geojson'),
          focusAreas: asset('focus-areas.geojson'),
          settlements: asset('settlements.geojson'),
          frontOutline: asset('front-outline.geojson'),
        },
      },
      new AbortController().signal,
    );
    const request = { kind: 'assess', date: '2025-09-01', a, b, toolVersion: 't', generatedAt: 'g' } as const;
    const err = await handle(request, new AbortController().signal).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(sourceFailed.SourceFailed);
    return sourceFailed.failedSource(err);
  }

  it('the archive refused first (as the active source, a) is the one named', async () => {
    [archiveDelayMs, owlmapsDelayMs] = [0, 300];
    expect(await assess('archive', 'owlmaps')).toBe('archive');
  });

  it('UA Control Map refused first is the one named, as the second source (b) or as the active one (a)', async () => {
    [archiveDelayMs, owlmapsDelayMs] = [300, 0];
    expect(await assess('archive', 'owlmaps')).toBe('owlmaps');
    expect(await assess('owlmaps', 'archive')).toBe('owlmaps');
  });

  it('failedSource reads only a named failure', () => {
    expect(failedSource(new SourceFailed('x', 'deepstate-api'))).toBe('deepstate-api');
    expect(failedSource(new Error('x'))).toBeUndefined();
    expect(failedSource('x')).toBeUndefined();
  });
});
