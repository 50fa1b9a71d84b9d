/**
 * PNG of the current map view with what a reader needs burnt in: title, dates, legend, source attribution and the
 * area model (issue #5); in the swipe and side-by-side views, both maps as they are on screen. Each map's canvas is
 * copied inside the `render` event of a frame it asks for, while the frame is still in the drawing buffer: the
 * canvas does not keep its buffer between frames (preserveDrawingBuffer costs a copy of the whole canvas on every
 * frame: docs/performance.md, "Measurements behind code choices"). Text is drawn with canvas fillText, never parsed as HTML.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { mapsBelow } from './stackedMaps.ts';

export interface PngLegendItem {
  colour: string;
  label: string;
}

/** One map of the picture, placed where it is on screen; its label is burnt in at its top left. */
export interface PngMap {
  map: MapLibreMap;
  label?: string;
}

/**
 * A copy of a map's canvas, taken inside the `render` event of a frame it asks for (the drawing buffer is not
 * kept after the frame), with the part a swipe divider hides (`data-clip-left`, in percent, on the map's pane).
 */
async function captureCanvas(map: MapLibreMap): Promise<{ copy: HTMLCanvasElement; clipLeft: number }> {
  const src = map.getCanvas();
  const copy = document.createElement('canvas');
  copy.width = src.width;
  copy.height = src.height;
  const ctx = copy.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  // A stacked map (stackedMaps.ts) is its base, its timeline's canvas and itself, drawn in that order.
  for (const layer of [...mapsBelow(map), map])
    await new Promise<void>((resolve) => {
      layer.once('render', () => {
        ctx.drawImage(layer.getCanvas(), 0, 0, copy.width, copy.height);
        resolve();
      });
      layer.triggerRepaint();
    });
  const pane = map.getContainer().closest<HTMLElement>('[data-clip-left]');
  const clipLeft = Math.min(100, Math.max(0, Number(pane?.dataset['clipLeft'] ?? 0) || 0));
  return { copy, clipLeft };
}

/**
 * The maps as the reader sees them (one; A and B side by side; or B over A right of the swipe divider), with a
 * header (title, figures) above, a legend over the lower left corner and a footer (source, area model) below.
 * @example const blob = await exportMapPng([{ map }], { title: 'Change 2025-08-15 → 2025-11-20', lines, legend, footer });
 */
export async function exportMapPng(
  maps: readonly PngMap[],
  {
    title,
    lines,
    legend,
    footer,
  }: { title: string; lines: string[]; legend: PngLegendItem[]; footer: string[] },
): Promise<Blob> {
  if (maps.length === 0) throw new Error('no map to export');
  const parts = [];
  for (const part of maps) {
    const { copy, clipLeft } = await captureCanvas(part.map);
    parts.push({ ...part, copy, clipLeft, box: part.map.getCanvas().getBoundingClientRect() });
  }
  const first = parts[0]!;
  const scale = first.copy.width / first.box.width || 1;
  const left = Math.min(...parts.map((p) => p.box.left));
  const top = Math.min(...parts.map((p) => p.box.top));
  const mapW = Math.round((Math.max(...parts.map((p) => p.box.right)) - left) * scale);
  const mapH = Math.round((Math.max(...parts.map((p) => p.box.bottom)) - top) * scale);
  const pad = 12 * scale;
  const line = 16 * scale;
  const fonts = {
    title: `bold ${14 * scale}px sans-serif`,
    text: `${12 * scale}px sans-serif`,
    footer: `${10.5 * scale}px sans-serif`,
  };
  const out = document.createElement('canvas');
  const ctx = out.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  // Long texts (a translated area model is longer than the English one) wrap at the image's width.
  const wrap = (text: string, font: string): string[] => {
    ctx.font = font;
    const rows: string[] = [];
    let row = '';
    for (const word of text.split(' ')) {
      const next = row ? `${row} ${word}` : word;
      if (row && ctx.measureText(next).width > mapW - pad * 2) {
        rows.push(row);
        row = word;
      } else row = next;
    }
    return [...rows, row];
  };
  const titleRows = wrap(title, fonts.title);
  const lineRows = lines.flatMap((t) => wrap(t, fonts.text));
  const footerRows = footer.flatMap((t) => wrap(t, fonts.footer));
  const headerH = pad * 2 + line * (titleRows.length + lineRows.length);
  const footerH = pad + line * footerRows.length;
  out.width = mapW;
  out.height = mapH + headerH + footerH;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.fillStyle = '#111111';
  ctx.font = fonts.title;
  titleRows.forEach((t, i) => ctx.fillText(t, pad, pad + line * (0.8 + i)));
  ctx.font = fonts.text;
  lineRows.forEach((t, i) => ctx.fillText(t, pad, pad + line * (titleRows.length + 0.8 + i)));
  for (const part of parts) {
    const sx = Math.round((part.copy.width * part.clipLeft) / 100);
    const dx = Math.round((part.box.left - left) * scale) + sx;
    const dy = headerH + Math.round((part.box.top - top) * scale);
    ctx.drawImage(
      part.copy,
      sx,
      0,
      part.copy.width - sx,
      part.copy.height,
      dx,
      dy,
      part.copy.width - sx,
      part.copy.height,
    );
    if (sx > 0) {
      // The swipe divider, where B begins.
      ctx.fillStyle = '#111111';
      ctx.fillRect(dx - scale, dy, 2 * scale, part.copy.height);
    }
    if (part.label) {
      ctx.font = fonts.text;
      const w = ctx.measureText(part.label).width + pad;
      ctx.fillStyle = 'rgba(255,255,255,0.9)';
      ctx.fillRect(dx + pad / 2, dy + pad / 2, w, line + pad / 2);
      ctx.fillStyle = '#111111';
      ctx.fillText(part.label, dx + pad, dy + pad / 2 + line * 0.85);
    }
  }
  // Legend box over the lower left corner, as wide as its longest label.
  ctx.font = fonts.text;
  const labelWidth = Math.max(0, ...legend.map((item) => ctx.measureText(item.label).width));
  const boxW = Math.max(230 * scale, labelWidth + pad + 18 * scale);
  const boxH = pad + legend.length * line;
  const bx = pad;
  const by = headerH + mapH - boxH - pad * 3;
  ctx.fillStyle = 'rgba(255,255,255,0.9)';
  ctx.fillRect(bx, by, boxW, boxH);
  legend.forEach((item, i) => {
    const y = by + pad / 2 + i * line;
    ctx.fillStyle = item.colour;
    ctx.fillRect(bx + pad / 2, y + 2 * scale, 12 * scale, 10 * scale);
    ctx.fillStyle = '#111111';
    ctx.fillText(item.label, bx + pad / 2 + 18 * scale, y + 11 * scale);
  });
  ctx.fillStyle = '#333333';
  ctx.font = fonts.footer;
  footerRows.forEach((t, i) => ctx.fillText(t, pad, headerH + mapH + pad / 2 + line * (i + 0.8)));
  return new Promise((resolve, reject) =>
    out.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'),
  );
}
