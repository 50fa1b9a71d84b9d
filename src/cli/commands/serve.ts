import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createAppServer } from '../../server/appServer.ts';
import { resolveBasemap } from '../../server/basemap.ts';
import {
  DEFAULT_ARCHIVE,
  resolveDeepStateTarget,
  type DeepStateTarget,
} from '../../server/deepstateMiddleware.ts';
import { parse, UsageError, wholeNumber } from '../args.ts';
import { EXIT, type Command } from '../io.ts';
import { packageRoot } from '../shipped.ts';

const where = (t: DeepStateTarget): string => (t.kind === 'folder' ? `folder ${t.dir}` : t.base);

export const serveCommand: Command = {
  summary: 'serve the built app on 127.0.0.1 with its /api routes (what `npm start` runs)',
  usage:
    'frontline serve [--port 5173] [--host 127.0.0.1] [--app DIR] [--basemap STYLE_URL|FILE.pmtiles]   ' +
    '(sources: FRONTLINE_DEEPSTATE_API, FRONTLINE_ARCHIVE = a base URL or a folder made by `frontline sync`)',
  async run(argv, io) {
    const { values } = parse(argv, {
      port: { type: 'string' },
      host: { type: 'string' },
      app: { type: 'string' },
      basemap: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    const appDir = values.app ? resolve(values.app) : join(packageRoot(), 'dist');
    if (!existsSync(join(appDir, 'index.html'))) {
      throw new UsageError(
        `no built app in ${appDir} (index.html missing): run \`npm run build\` in the checkout, or give --app DIR`,
      );
    }
    const explicitPort = values.port !== undefined;
    let port = wholeNumber('port', values.port, 5173, 0, 65535);
    const host = values.host ?? '127.0.0.1';
    const api = resolveDeepStateTarget(process.env['FRONTLINE_DEEPSTATE_API']);
    const archive = resolveDeepStateTarget(process.env['FRONTLINE_ARCHIVE'], process.cwd(), DEFAULT_ARCHIVE);
    // An optional detailed basemap (issue #12): a flag or FRONTLINE_BASEMAP, never a link parameter.
    const basemap = resolveBasemap(values.basemap ?? process.env['FRONTLINE_BASEMAP'], process.cwd());
    if (basemap && 'error' in basemap) throw new UsageError(basemap.error);
    const server = createAppServer({ appDir, api, archive, basemap });
    // As Vite does without --strictPort: a busy default port moves to the next one; an explicit --port does not.
    for (let attempt = 0; ; attempt++) {
      const err = await new Promise<NodeJS.ErrnoException | null>((ok) => {
        server.once('error', ok);
        server.listen(port, host, () => {
          server.off('error', ok);
          ok(null);
        });
      });
      if (!err) break;
      if (err.code !== 'EADDRINUSE' || explicitPort || attempt >= 20) {
        io.stderr(`frontline serve: cannot listen on ${host}:${port}: ${err.message}\n`);
        return EXIT.failure;
      }
      port++;
    }
    const address = server.address();
    const actual = typeof address === 'object' && address ? address.port : port;
    io.stdout(
      [
        `Frontline: http://${host}:${actual}/`,
        `  app: ${appDir}`,
        `  DeepStateMap API: ${where(api)} (same-origin at /api/deepstate)`,
        `  DeepState archive: ${where(archive)} (same-origin at /api/archive)`,
        ...(basemap
          ? [`  basemap: ${basemap.kind === 'style' ? `style ${basemap.url}` : `PMTiles ${basemap.file}`}`]
          : []),
        '',
      ].join('\n'),
    );
    await new Promise<void>((done) => {
      // Stop now: open keep-alive connections (a browser tab) would otherwise hold the server up.
      const stop = () => {
        server.close(() => done());
        server.closeAllConnections();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return EXIT.ok;
  },
};
