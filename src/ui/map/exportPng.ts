/**
 * PNG of the current map view with what a reader needs burnt in: title, dates, legend, source attribution and the
 * area model (issue #5). The map canvas keeps its drawing buffer (MapView sets preserveDrawingBuffer), so it can be
 * copied; text is drawn with canvas fillText, never parsed as HTML.
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
  map.triggerRepaint();
  return new Promise((resolve, reject) => {
    map.once('render', () => {
      const src = map.getCanvas();
      const scale = src.width / src.clientWidth || 1;
      const pad = 12 * scale;
      const line = 16 * scale;
      const headerH = pad * 2 + line * (1 + lines.length);
      const footerH = pad + line * footer.length;
      const out = document.createElement('canvas');
      out.width = src.width;
      out.height = src.height + headerH + footerH;
      const ctx = out.getContext('2d');
      if (!ctx) return reject(new Error('no 2D canvas'));
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, out.width, out.height);
      ctx.fillStyle = '#111111';
      ctx.font = `bold ${14 * scale}px sans-serif`;
      ctx.fillText(title, pad, pad + line * 0.8);
      ctx.font = `${12 * scale}px sans-serif`;
      lines.forEach((t, i) => ctx.fillText(t, pad, pad + line * (1.8 + i)));
      ctx.drawImage(src, 0, headerH);
      // Legend box over the map's lower left corner.
      const boxW = 230 * scale;
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
      ctx.font = `${10.5 * scale}px sans-serif`;
      footer.forEach((t, i) => ctx.fillText(t, pad, headerH + src.height + pad / 2 + line * (i + 0.8)));
      out.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png');
    });
  });
}
