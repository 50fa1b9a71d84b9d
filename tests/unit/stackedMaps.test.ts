import { describe, expect, it } from 'vitest';
import { followCamera, type Follower, type Leader } from '../../src/ui/map/stackedMaps.ts';

interface Camera {
  center: { lng: number; lat: number };
  zoom: number;
  bearing: number;
  pitch: number;
}

/** The top map: a camera, and `move` / `render` listeners fired in the order MapLibre fires them. */
function fakeTop() {
  let camera: Camera = { center: { lng: 31, lat: 48.5 }, zoom: 5.2, bearing: 0, pitch: 0 };
  const listeners: Record<string, ((...a: unknown[]) => void)[]> = { move: [], render: [] };
  const top = {
    getCenter: () => camera.center,
    getZoom: () => camera.zoom,
    getBearing: () => camera.bearing,
    getPitch: () => camera.pitch,
    on: (type: string, fn: () => void) => listeners[type]!.push(fn),
    off: (type: string, fn: () => void) => {
      listeners[type] = listeners[type]!.filter((f) => f !== fn);
    },
  } as unknown as Leader;
  return {
    top,
    listeners,
    /** A camera change: MapLibre sets the transform, fires `move`, and draws the frame, then fires `render`. */
    move(to: Partial<Camera>) {
      camera = { ...camera, ...to };
      for (const fn of listeners['move']!) fn();
    },
    render() {
      for (const fn of listeners['render']!) fn();
    },
  };
}

/** A map below: what camera it was set to and the camera of each frame it drew. */
function fakeUnder() {
  let camera: Partial<Camera> = {};
  const drawn: Partial<Camera>[] = [];
  const map = {
    jumpTo: (c: Partial<Camera>) => {
      camera = { ...camera, ...c };
      return map;
    },
    redraw: () => {
      drawn.push({ ...camera });
      return map;
    },
  };
  return { map: map as unknown as Follower, drawn, camera: () => camera };
}

describe('followCamera (the main map as stacked maps, issue #14)', () => {
  it('sets the maps below on the top map camera at once, and draws them with its next frame', () => {
    const t = fakeTop();
    const a = fakeUnder();
    const b = fakeUnder();
    followCamera(t.top, [a.map, b.map]);
    // On start: the top map's camera, drawn with its next frame.
    expect(a.camera()).toMatchObject({ center: { lng: 31, lat: 48.5 }, zoom: 5.2 });
    t.render();
    expect(a.drawn).toHaveLength(1);
    t.move({ center: { lng: 37.2, lat: 48.3 }, zoom: 9 });
    expect(b.camera()).toMatchObject({ center: { lng: 37.2, lat: 48.3 }, zoom: 9 });
    // Not drawn before the top map draws (a frame of the old view under the new one would slide apart)…
    expect(b.drawn).toHaveLength(1);
    t.render();
    // …and in the same task as the top map's frame, at its camera.
    expect(b.drawn.at(-1)).toMatchObject({ center: { lng: 37.2, lat: 48.3 }, zoom: 9 });
    expect(a.drawn.at(-1)).toEqual(b.drawn.at(-1));
  });

  it('draws the maps below once per frame of the top map however many moves it had, and not for frames without one', () => {
    const t = fakeTop();
    const a = fakeUnder();
    followCamera(t.top, [a.map]);
    t.render();
    for (let i = 1; i <= 5; i++) t.move({ zoom: 5 + i / 10 });
    t.render();
    expect(a.drawn).toHaveLength(2);
    expect(a.drawn.at(-1)!.zoom).toBeCloseTo(5.5, 9);
    // A frame of the top map for its own data (no move): the maps below keep what they drew.
    t.render();
    t.render();
    expect(a.drawn).toHaveLength(2);
  });

  it('stops following when told to', () => {
    const t = fakeTop();
    const a = fakeUnder();
    const stop = followCamera(t.top, [a.map]);
    stop();
    expect(t.listeners['move']).toHaveLength(0);
    expect(t.listeners['render']).toHaveLength(0);
    t.move({ zoom: 8 });
    t.render();
    expect(a.camera().zoom).toBe(5.2);
  });
});
