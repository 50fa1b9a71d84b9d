/**
 * Areas of your own (issue #5): polygons and circles the user draws or imports, named, kept in local storage, and
 * measured in every comparison alongside the focus areas (as `user-N` regions, exactly as
 * `frontline change --areas FILE` measures the exported file). State only; the map side is ui/map/DrawAreas.svelte
 * and ui/map/MyAreasLayer.svelte, the controls ui/panels/MyAreasPanel.svelte.
 */
import type { Polygon } from 'geojson';
import {
  boundsOf,
  parseUserAreas,
  sizeIssue,
  USER_AREA_PREFIX,
  type NamedArea,
  type Region,
} from '../core/index.ts';
import { t } from './i18n/locale.svelte.ts';
import { message, type Text } from './i18n/translate.ts';
import {
  listAside,
  MAX_MY_AREAS,
  MAX_MY_AREAS_BYTES,
  MY_AREAS_KEY,
  readAreas,
  restoreAreas,
  saveAreas,
  writeAreas,
  type Aside,
} from './myAreasStorage.ts';

export interface MyArea extends NamedArea {
  /** Stable for this page's lifetime (list keys, focus); not stored. */
  id: string;
}

/** What the map draws next: nothing, a polygon (click corners) or a circle (click centre, then the rim). */
export type DrawMode = '' | 'polygon' | 'circle';

/** Longest name kept; a name is only ever shown as text. */
export const MAX_NAME = 120;

let nextId = 1;
const withId = (a: NamedArea): MyArea => ({ ...a, id: `area-${nextId++}` });

export class MyAreas {
  /** In list order, which is the order of the export and of the `user-N` regions. */
  areas = $state.raw<MyArea[]>([]);
  drawing = $state<DrawMode>('');
  /** Problems of the last import (nothing was changed), or of a drawing that could not be used. */
  problems = $state.raw<Text[]>([]);
  /** Repairs and warnings of the last import. */
  warnings = $state.raw<string[]>([]);
  /** A short message for a screen reader and the eye: imported, deleted, saved nowhere. */
  status = $state<Text>('');
  /** Why the areas cannot be kept across reloads (storage off or full), '' when they are. */
  storageProblem = $state<Text>('');
  /** Stored text that could not be read, kept aside until the user downloads or discards it. */
  aside = $state.raw<Aside[]>([]);
  /** The area the map should fit, with a counter so the same area can be asked for twice. */
  zoomTarget = $state.raw<{ bounds: [number, number, number, number]; seq: number } | null>(null);
  /** The area whose name field should take the keyboard focus (just drawn: name it). */
  focusRequest = $state('');
  /** The last deleted area and where it was, for Undo. */
  lastDeleted = $state.raw<{ area: MyArea; index: number } | null>(null);

  /** The areas as regions for the worker's change report: `user-N` in list order, as the CLI names the file's. */
  regions = $derived(
    this.areas.map((a, i): Region => ({
      type: 'Feature',
      geometry: a.geometry,
      properties: { id: `${USER_AREA_PREFIX}${i + 1}`, name_en: a.name },
    })),
  );

  /** True while the stored text could not be set aside: the main key is then left alone. */
  private blocked = false;

  private readonly storage: () => Storage | null;
  /** Called after every change of the list (the comparison recomputes). */
  private readonly onchange: () => void;

  constructor(storage: () => Storage | null, onchange: () => void = () => {}) {
    this.storage = storage;
    this.onchange = onchange;
    const store = storage();
    const restored = restoreAreas(store, new Date().toISOString());
    this.areas = restored.areas.map(withId);
    if (restored.unavailable) this.storageProblem = message('myAreas.notKept', { why: restored.unavailable });
    this.blocked = restored.keptAs === MY_AREAS_KEY;
    if (this.blocked) {
      this.aside = [
        { key: MY_AREAS_KEY, text: store?.getItem(MY_AREAS_KEY) ?? '', problems: restored.problems },
      ];
    }
    this.aside = [...this.aside, ...listAside(store)];
  }

  private changed(): void {
    if (!this.blocked) {
      const why = saveAreas(this.storage(), this.areas);
      this.storageProblem = why ? message('myAreas.notSaved', { why }) : '';
    }
    this.onchange();
  }

  /**
   * Adds a drawn polygon, normalised on the path every file takes (closed, RFC 7946 winding), so the stored and
   * exported copy reads back to exactly the same region. Returns the new area's id, or null with `problems` set.
   */
  add(geometry: Polygon, name = ''): string | null {
    if (this.areas.length >= MAX_MY_AREAS) {
      this.problems = [message('myAreas.full', { max: MAX_MY_AREAS })];
      return null;
    }
    // The default name is written in the interface language: from then on it is the user's text like any other.
    const label = name || t('myAreas.defaultName', { n: this.areas.length + 1 });
    const read = parseUserAreas(
      { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: label }, geometry }] },
      { label: 'the drawn area' },
    );
    if (!read.ok) {
      this.problems = read.issues;
      return null;
    }
    const area = withId({ name: label, geometry: read.value[0]!.geometry });
    this.problems = [];
    this.lastDeleted = null;
    this.areas = [...this.areas, area];
    this.status = message('myAreas.added', { name: area.name });
    this.changed();
    return area.id;
  }

  /** Starts drawing (or switches shape); the previous problems go. */
  startDrawing(mode: Exclude<DrawMode, ''>): void {
    this.problems = [];
    this.status = '';
    this.drawing = mode;
  }

  /** A shape finished on the map: it becomes an area named "Area N", and its name field takes the focus. */
  finishDrawing(geometry: Polygon): void {
    this.drawing = '';
    const id = this.add(geometry);
    if (id) this.focusRequest = id;
  }

  /** Renames an area; a blank name keeps the old one. Returns the name in force. */
  rename(id: string, name: string): string {
    const clean = name.replace(/\s+/gu, ' ').trim().slice(0, MAX_NAME);
    const area = this.areas.find((a) => a.id === id);
    if (!area) return '';
    if (!clean || clean === area.name) return area.name;
    this.areas = this.areas.map((a) => (a.id === id ? { ...a, name: clean } : a));
    this.changed();
    return clean;
  }

  remove(id: string): void {
    const index = this.areas.findIndex((a) => a.id === id);
    if (index < 0) return;
    const area = this.areas[index]!;
    this.areas = this.areas.filter((a) => a.id !== id);
    this.lastDeleted = { area, index };
    this.status = message('myAreas.deleted', { name: area.name });
    this.changed();
  }

  undoRemove(): void {
    const d = this.lastDeleted;
    if (!d || this.areas.length >= MAX_MY_AREAS) return;
    const areas = [...this.areas];
    areas.splice(Math.min(d.index, areas.length), 0, d.area);
    this.areas = areas;
    this.lastDeleted = null;
    this.status = message('myAreas.restored', { name: d.area.name });
    this.changed();
  }

  zoomTo(id: string): void {
    const area = this.areas.find((a) => a.id === id);
    if (area) this.zoomTarget = { bounds: boundsOf(area.geometry), seq: (this.zoomTarget?.seq ?? 0) + 1 };
  }

  /**
   * Adds the areas of a file the user picked, validated like `--areas FILE`. An invalid file lists its problems and
   * changes nothing already there.
   */
  importText(fileName: string, text: string): void {
    this.warnings = [];
    const read = readAreas(text, fileName);
    if (!read.ok) {
      this.problems = read.issues;
      return;
    }
    if (this.areas.length + read.value.length > MAX_MY_AREAS) {
      this.problems = [
        message('myAreas.tooMany', {
          file: fileName,
          count: read.value.length,
          have: this.areas.length,
          max: MAX_MY_AREAS,
        }),
      ];
      return;
    }
    this.problems = [];
    this.lastDeleted = null;
    this.warnings = read.warnings;
    this.areas = [...this.areas, ...read.value.map(withId)];
    this.status = message('myAreas.imported', { count: read.value.length, file: fileName });
    this.changed();
  }

  async importFile(file: File): Promise<void> {
    const big = sizeIssue(file.name, file.size, MAX_MY_AREAS_BYTES);
    if (big) {
      this.warnings = [];
      this.problems = [big];
      return;
    }
    try {
      this.importText(file.name, await file.text());
    } catch (err) {
      this.problems = [`${file.name}: cannot read it (${(err as Error).message})`];
    }
  }

  /**
   * Takes the list another tab of this app saved (the `storage` event's new text for MY_AREAS_KEY), so both tabs
   * show the same areas. It is read on the path every file takes; text this app would not have written (unreadable,
   * or repaired on reading) changes nothing here, and this tab writes nothing back: the other tab's copy stays as it
   * is. Areas that did not change keep their ids (and list focus).
   */
  syncFrom(text: string | null): void {
    if (this.blocked) return;
    // No text: the other tab deleted its last area (an empty list is stored as no key at all).
    const read =
      text === null ? { ok: true as const, value: [], warnings: [] } : readAreas(text, 'another tab');
    if (!read.ok || read.warnings.length > 0) return;
    if (text === null ? this.areas.length === 0 : text === writeAreas(this.areas)) return;
    const same = (a: NamedArea, b: NamedArea) =>
      a.name === b.name && JSON.stringify(a.geometry) === JSON.stringify(b.geometry);
    const kept = [...this.areas];
    this.areas = read.value.map((a) => {
      const i = kept.findIndex((k) => same(k, a));
      return i >= 0 ? kept.splice(i, 1)[0]! : withId(a);
    });
    this.lastDeleted = null;
    this.status = message('myAreas.synced', { count: this.areas.length });
    this.onchange();
  }

  /** The export: a FeatureCollection that `frontline change --areas FILE` reads to the same regions. */
  exportText(): string {
    return writeAreas(this.areas);
  }

  /** Drops text kept aside (after the user downloaded it, or decided they don't need it). */
  discardAside(key: string): void {
    try {
      this.storage()?.removeItem(key);
    } catch {
      // Nothing more can be done; it goes from the list either way.
    }
    this.aside = this.aside.filter((a) => a.key !== key);
    if (key === MY_AREAS_KEY) {
      this.blocked = false;
      this.changed();
    }
  }
}
