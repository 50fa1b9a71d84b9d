/**
 * PNG of the current map view with what a reader needs burnt in: title, dates, legend, source attribution and the
 * area model (issue #5). The map's canvas is copied inside the `render` event of a frame it asks for, while the frame
 * is still in the drawing buffer: the canvas does not keep its buffer between frames (preserveDrawingBuffer costs a
 * copy of the whole canvas on every frame, ~10 ms of each timeline step in software WebGL). Text is drawn with canvas
 * fillText, never parsed as HTML.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';

export interface PngLegendItem {
  colour: string;
  label: string;
}

/**
 * @example const blob = await exportMapPng(map, { title: 'Change 2025-08-15 → 2025-11-20', legend, footer });
 */
export function exportMapPng(
  map: MapLibreMap,
  {
    title,
    lines,
    legend,
    footer,
  }: { title: string; lines: string[]; legend: PngLegendItem[]; footer: string[] },
): Promise<Blob> {
  return new Promise((resolve, reject) => {
    // Everything below, up to drawImage, runs in the same task as the frame: the buffer is not cleared before then.
    map.once('render', () => {
      const src = map.getCanvas();
      const scale = src.width / src.clientWidth || 1;
      const pad = 12 * scale;
      const line = 16 * scale;
      const fonts = {
        title: `bold ${14 * scale}px sans-serif`,
        text: `${12 * scale}px sans-serif`,
        footer: `${10.5 * scale}px sans-serif`,
      };
      const out = document.createElement('canvas');
      const ctx = out.getContext('2d');
      if (!ctx) return reject(new Error('no 2D canvas'));
      // Long texts (a translated area model is longer than the English one) wrap at the image's width.
      const wrap = (text: string, font: string): string[] => {
        ctx.font = font;
        const rows: string[] = [];
        let row = '';
        for (const word of text.split(' ')) {
          const next = row ? `${row} ${word}` : word;
          if (row && ctx.measureText(next).width > src.width - pad * 2) {
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
      out.width = src.width;
      out.height = src.height + headerH + footerH;
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, out.width, out.height);
      ctx.fillStyle = '#111111';
      ctx.font = fonts.title;
      titleRows.forEach((t, i) => ctx.fillText(t, pad, pad + line * (0.8 + i)));
      ctx.font = fonts.text;
      lineRows.forEach((t, i) => ctx.fillText(t, pad, pad + line * (titleRows.length + 0.8 + i)));
      ctx.drawImage(src, 0, headerH);
      // Legend box over the map's lower left corner, as wide as its longest label.
      const labelWidth = Math.max(0, ...legend.map((item) => ctx.measureText(item.label).width));
      const boxW = Math.max(230 * scale, labelWidth + pad + 18 * scale);
      const boxH = pad + legend.length * line;
      const bx = pad;
      const by = headerH + src.height - boxH - pad * 3;
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
      footerRows.forEach((t, i) => ctx.fillText(t, pad, headerH + src.height + pad / 2 + line * (i + 0.8)));
      out.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png');
    });
    map.triggerRepaint();
  });
}
