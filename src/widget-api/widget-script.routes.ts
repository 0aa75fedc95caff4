import type { FastifyPluginAsync } from 'fastify';
import { loadWidgetBundle } from '../../widget/widget-bundle.ts';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';

/**
 * `GET /api/v1/widget/widget.js`: the embeddable script (SPEC §5). Any site may load it, so it is
 * cross-origin readable; gzip is served pre-compressed when the browser accepts it.
 */
export const widgetScriptRoutes =
  (_ctx: AppContext): FastifyPluginAsync =>
  async (app) => {
    app.get('/widget.js', { schema: { hide: true } }, async (request, reply) => {
      const bundle = await loadWidgetBundle().catch((error: unknown) => {
        request.log.error({ err: error }, 'widget.js build failed');
        throw new AppError('INTERNAL', 'widget.js is not built: run `npm run build:widget`.');
      });
      reply
        .header('content-type', 'application/javascript; charset=utf-8')
        .header('cache-control', 'public, max-age=300')
        .header('cross-origin-resource-policy', 'cross-origin')
        .header('etag', bundle.etag)
        .header('vary', 'Accept-Encoding');
      if (request.headers['if-none-match'] === bundle.etag) return reply.status(304).send();
      if (/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
        return reply.header('content-encoding', 'gzip').send(bundle.gzipped);
      }
      return reply.send(bundle.code);
    });
  };
