/**
 * Web Worker: the heavy geometry off the UI thread, so the map never freezes (STYLE.md habit 5):
 * per-class areas of a snapshot, and the change report between two snapshots (the same report the CLI writes).
 */
import {
  buildChangeReport,
  classGeometry,
  frontContext,
  frontLine,
  frontLineGeoJson,
  frontLengthReport,
  greyOuterGeometry,
  type FrontContext,
  type FrontLengthReport,
  type FrontOutlineCollection,
  type ReportMeta,
  changeGeoJson,
  parseClaims,
  snapshotAreas,
  markOutsideUkraine,
  parseGeoJsonText,
  sizeIssue,
  settlementsFrom,
  snapshotsFromFile,
  type ChangeClass,
  type FileSnapshots,
  type TerritoryClass,
  type ChangeReport,
  type Region,
  type Settlement,
  type SettlementProperties,
  type Snapshot,
  type SnapshotAreas,
  type UsedSnapshot,
  compareAssessments,
  comparisonGeoJson,
  landOutline,
  type AssessmentComparison,
  type LandOutline,
} from '../core/index.ts';
import registry from '../../geodata/reported-figures.json';
import type { FeatureCollection, Point } from 'geojson';

export type WorkerRequest =
  | { id: number; kind: 'areas'; snapshot: Snapshot; urls: RegionUrls; regionIsos: readonly string[] }
  | {
      id: number;
      kind: 'change';
      a: UsedSnapshot;
      b: UsedSnapshot;
      cls: ChangeClass;
      source: { id: string; location: string };
      toolVersion: string;
      generatedAt: string;
      urls: RegionUrls;
      /** The user's own areas (`user-N`), measured after the focus areas as `change --areas FILE` does. */
      userAreas?: readonly Region[];
    }
  | { id: number; kind: 'import'; file: File; fileDate?: string; defaultClass?: TerritoryClass }
  | {
      id: number;
      kind: 'assess';
      date: string;
      a: UsedSnapshot;
      b: UsedSnapshot;
      sources: { a: { id: string; location: string }; b: { id: string; location: string } };
      toolVersion: string;
      generatedAt: string;
      urls: RegionUrls;
    }
  | { id: number; kind: 'front'; snapshot: Snapshot; outlineUrl: string; urls: RegionUrls; meta: ReportMeta };

export interface RegionUrls {
  oblasts: string;
  focusAreas: string;
  /** The gazetteer (geodata/settlements.geojson): the comparison lists the places that changed hands (issue #12). */
  settlements?: string;
}

export type WorkerResponse =
  | { id: number; areas: SnapshotAreas }
  | { id: number; report: ChangeReport; geojson: FeatureCollection }
  | { id: number; imported: FileSnapshots }
  | { id: number; assessment: AssessmentComparison; geojson: FeatureCollection }
  | { id: number; front: FrontLengthReport; frontGeojson: FeatureCollection }
  | { id: number; error: string };

const cache = new Map<string, Promise<Region[]>>();

/** Oblasts as regions; focus areas as regions whose `iso` is the focus area's id. */
function regions(url: string): Promise<Region[]> {
  let p = cache.get(url);
  if (!p) {
    p = fetch(url)
      .then((r) => r.json() as Promise<{ features: Region[] }>)
      .then((fc) =>
        fc.features.map((f) => {
          const props = f.properties as unknown as Record<string, string>;
          return props['iso']
            ? f
            : {
                ...f,
                properties: { iso: props['id']!, name_en: props['name_en']!, name_uk: props['name_uk'] },
              };
        }),
      );
    cache.set(url, p);
  }
  return p;
}

const claims = parseClaims(registry).claims;

const lands = new Map<string, Promise<LandOutline>>();
/** The oblasts' union, what both sides of a comparison of assessments are clipped to (issue #16); made once. */
function landOf(url: string): Promise<LandOutline> {
  let p = lands.get(url);
  if (!p) {
    p = regions(url).then((all) => landOutline(all.map((r) => r.geometry)));
    lands.set(url, p);
  }
  return p;
}

let gazetteer: { url: string; places: Promise<Settlement[]> } | null = null;

/** The gazetteer, fetched once per worker (kept while it succeeds, forgotten on failure so a retry fetches again). */
function settlements(url: string): Promise<Settlement[]> {
  if (gazetteer?.url !== url) {
    const places = fetch(url)
      .then((r) => {
        if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
        return r.json() as Promise<FeatureCollection<Point, SettlementProperties>>;
      })
      .then(settlementsFrom);
    places.catch(() => (gazetteer = null));
    gazetteer = { url, places };
  }
  return gazetteer.places;
}

/** One front-line context for the page: its per-edge memo makes stepping through dates cheap (issue #15). */
let front: Promise<FrontContext> | null = null;
function frontCtx(outlineUrl: string, oblastsUrl: string): Promise<FrontContext> {
  front ??= Promise.all([
    fetch(outlineUrl).then((r) => r.json() as Promise<FrontOutlineCollection>),
    regions(oblastsUrl),
  ]).then(([outline, oblasts]) => frontContext(outline, oblasts));
  front.catch(() => (front = null));
  return front;
}

/** The front line of a snapshot: the same report and GeoJSON as `frontline length`. */
async function frontOf(req: Extract<WorkerRequest, { kind: 'front' }>): Promise<WorkerResponse> {
  const ctx = await frontCtx(req.outlineUrl, req.urls.oblasts);
  const fl = frontLine(classGeometry(req.snapshot, 'occupied_all'), ctx);
  const greyGeometry = greyOuterGeometry(req.snapshot);
  const grey = greyGeometry ? frontLine(greyGeometry, ctx) : null;
  const v = req.snapshot.version;
  const report = frontLengthReport(req.meta, v.date, { date: v.date, versionId: v.id }, fl, grey);
  return { id: req.id, front: report, frontGeojson: frontLineGeoJson(report, fl, grey) };
}

/** Reads, parses and validates a user's file here, off the UI thread, so a big file never freezes the page. */
async function importFile(req: Extract<WorkerRequest, { kind: 'import' }>): Promise<FileSnapshots> {
  const name = req.file.name;
  // The size cap is checked before reading; the text then takes the path every file and answer takes.
  const big = sizeIssue(name, req.file.size);
  if (big) return { snapshots: [], warnings: [], issues: [big] };
  const text = parseGeoJsonText(await req.file.text(), { label: name });
  if (!text.ok) return { snapshots: [], warnings: [], issues: text.issues };
  const result = snapshotsFromFile(name, text.value, {
    ...(req.fileDate ? { fileDate: req.fileDate } : {}),
    ...(req.defaultClass ? { defaultClass: req.defaultClass } : {}),
  });
  return { ...result, warnings: [...text.warnings, ...result.warnings] };
}

const post = (msg: WorkerResponse) => (self as unknown as Worker).postMessage(msg);

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const req = event.data;
  try {
    if (req.kind === 'front') {
      post(await frontOf(req));
    } else if (req.kind === 'import') {
      post({ id: req.id, imported: await importFile(req) });
    } else if (req.kind === 'assess') {
      const [oblasts, land] = await Promise.all([regions(req.urls.oblasts), landOf(req.urls.oblasts)]);
      const { report, disagreement } = compareAssessments({ ...req, land, oblasts });
      post({ id: req.id, assessment: report, geojson: comparisonGeoJson(report, disagreement, oblasts) });
    } else if (req.kind === 'areas') {
      const all = await regions(req.urls.oblasts);
      const picked = req.regionIsos
        .map((iso) => all.find((r) => r.properties.iso === iso))
        .filter((r): r is Region => !!r);
      // Liberated ground in Russia (Kursk, 2024-08 → 2025-03) drawn but not counted (issue #13).
      post({ id: req.id, areas: snapshotAreas(markOutsideUkraine(req.snapshot, all), picked) });
    } else {
      const [oblasts, focusAreas, places] = await Promise.all([
        regions(req.urls.oblasts),
        regions(req.urls.focusAreas),
        req.urls.settlements ? settlements(req.urls.settlements) : undefined,
      ]);
      // The cached array alone while there are no user areas, so its region grid stays cached too.
      const { report, change } = buildChangeReport({
        ...req,
        a: { ...req.a, snapshot: markOutsideUkraine(req.a.snapshot, oblasts) },
        b: { ...req.b, snapshot: markOutsideUkraine(req.b.snapshot, oblasts) },
        oblasts,
        focusAreas: req.userAreas?.length ? [...focusAreas, ...req.userAreas] : focusAreas,
        claims,
        ...(places ? { settlements: places } : {}),
      });
      post({ id: req.id, report, geojson: changeGeoJson(report, change, oblasts) });
    }
  } catch (err) {
    post({ id: req.id, error: (err as Error).message });
  }
};
