/**
 * Layers from the user's own files (kept across source switches; never replaced by a failed import). The file is
 * read, parsed and validated in the data worker on the same path as every source, which keeps its snapshots; the
 * page keeps what it draws and their areas.
 */
import type { Snapshot, SnapshotAreas, TerritoryClass } from '../../core/index.ts';
import { message, type Text } from '../i18n/translate.ts';
import { ask } from '../worker/dataClient.ts';
import type { SnapshotRef } from '../worker/protocol.ts';

export interface UserLayer {
  /** From a counter: a key built from the list's length repeats after a removal (issue #14). */
  key: string;
  file: string;
  ref: SnapshotRef;
  snapshot: Snapshot;
  areas?: SnapshotAreas;
}

export class UserLayers {
  layers = $state.raw<UserLayer[]>([]);
  status = $state<Text>('');
  problems = $state.raw<Text[]>([]);
  warnings = $state.raw<string[]>([]);
  #next = 0;

  /**
   * Imports a user's GeoJSON file as dated layers. If it yields nothing, its problems are listed and nothing already
   * loaded changes.
   */
  async import(
    file: File,
    options: { fileDate?: string; defaultClass?: TerritoryClass } = {},
  ): Promise<void> {
    this.status = message('import.reading', { file: file.name });
    this.problems = [];
    this.warnings = [];
    try {
      const { imported, refs } = await ask({ kind: 'import', file, ...options });
      if (imported.snapshots.length === 0) {
        this.problems = imported.issues.length
          ? imported.issues
          : [message('import.nothingToShow', { file: file.name })];
        return;
      }
      this.warnings = imported.warnings;
      const added = imported.snapshots.map((snapshot, i) => ({
        key: `${++this.#next}-${snapshot.version.id}`,
        file: file.name,
        ref: refs[i]!,
        snapshot,
      }));
      this.layers = [...this.layers, ...added];
      for (const layer of added) {
        void ask({ kind: 'areas', ref: layer.ref, regionIds: [] }).then(({ areas }) => {
          this.layers = this.layers.map((l) => (l.key === layer.key ? { ...l, areas } : l));
        });
      }
    } catch (err) {
      this.problems = [`${file.name}: ${(err as Error).message}`];
    } finally {
      this.status = '';
    }
  }

  remove(key: string): void {
    const gone = this.layers.filter((l) => l.key === key);
    this.layers = this.layers.filter((l) => l.key !== key);
    if (gone.length) void ask({ kind: 'forget', refs: gone.map((l) => l.ref) });
  }
}
