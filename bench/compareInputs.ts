/**
 * The inputs and the call bench (f) times (issue #16): DeepState archive against UA Control Map on one date, read
 * from the reference copy and parsed, and the comparison as `frontline compare` makes it. Shared by bench (f)
 * (bench/assessments.ts), its stage breakdown (bench/compareStages.ts) and the before/after run
 * (bench/compareBefore.ts), which passes an older checkout's core: everything takes the core it runs.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { LandOutline, Region, Snapshot } from '../src/core/index.ts';

type Core = typeof import('../src/core/index.ts');

/** The date bench (f) compares on. */
export const COMPARE_DATE = '2025-09-01';

/**
 * Both reference days of `date`, parsed by `core` (UA Control Map's clipped to `land`); throws if either does not
 * parse. `ref` is FRONTLINE_REFERENCE_DATA.
 * @example const { archive, owl } = compareInputs(core, ref, land);
 */
export function compareInputs(
  core: Pick<
    Core,
    | 'parseArchiveDay'
    | 'archiveFileName'
    | 'archiveVersion'
    | 'parseOwlmapsDay'
    | 'owlmapsFileName'
    | 'owlmapsVersion'
  >,
  ref: string,
  land: LandOutline,
  date = COMPARE_DATE,
): { archive: Snapshot; owl: Snapshot } {
  const readJson = (...p: string[]): unknown => JSON.parse(readFileSync(join(resolve(ref), ...p), 'utf8'));
  const archive = core.parseArchiveDay(
    readJson('deepstate-archive', core.archiveFileName(date)),
    core.archiveVersion(date),
  );
  const owl = core.parseOwlmapsDay(
    readJson('owlmaps-map-data', 'data', core.owlmapsFileName(date)),
    core.owlmapsVersion(date),
    land,
  );
  if (!archive.ok || !owl.ok) throw new Error(`the reference days of ${date} do not parse`);
  return { archive: archive.value, owl: owl.value };
}

/**
 * The full comparison of `s.a` (the archive) and `s.b` (UA Control Map) by `core`, as `frontline compare` runs it.
 * @example compareOnce(core, structuredClone({ a: archive, b: owl }), land, oblasts).report.iou
 */
export function compareOnce(
  core: Pick<Core, 'compareAssessments'>,
  s: { a: Snapshot; b: Snapshot },
  land: LandOutline,
  oblasts: readonly Region[],
  date = COMPARE_DATE,
): ReturnType<Core['compareAssessments']> {
  return core.compareAssessments({
    date,
    a: { requested: date, snapshot: s.a },
    b: { requested: date, snapshot: s.b },
    sources: { a: { id: 'archive', location: '' }, b: { id: 'owlmaps', location: '' } },
    land,
    oblasts,
    toolVersion: 'bench',
    generatedAt: '',
  });
}
