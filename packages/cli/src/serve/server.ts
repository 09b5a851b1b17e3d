/**
 * The HTTP server of `backprop serve`, on Fastify: routes after TF Serving's REST API
 * (`POST /v1/models/<name>:predict`, `GET /v1/models/<name>`), health, Prometheus metrics and
 * training jobs. Every body is checked by a JSON schema (Fastify's validation, type coercion
 * off) and the body limit; every refusal is `{"error": "<what is wrong>"}` with its status, and
 * none disturbs other requests.
 */
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { TrainConfig } from '@backprop/core';
import { predictionOf } from '../model-io/prediction-rows.js';
import { bearerMatches } from './auth.js';
import { QueueFullError } from './batcher.js';
import { BadInstanceError, instanceRows, predictBodySchema, type Instance } from './instances.js';
import { JobRequestError, type JobManager } from './jobs.js';
import type { ServeMetrics } from './metrics.js';
import { MODEL_NAME, type ModelRegistry, type ServedModel } from './model-registry.js';

export interface ServerOptions {
  /** Requests must carry `Authorization: Bearer <token>` (all but /healthz). */
  readonly token?: string;
  /** The largest body, in bytes (413 above). */
  readonly maxBodyBytes: number;
  /** The most instances in one predict request. */
  readonly maxInstances: number;
  /** Seconds a client told 503 should wait (Retry-After). */
  readonly retryAfterSeconds: number;
}

/** An error answered with its status and message. */
class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** A JSON parse error's message, with NaN and Infinity (not numbers in JSON) named as the problem. */
function parseJson(text: string): unknown {
  if (text.trim() === '') throw new HttpError(400, 'the body is empty: send a JSON object');
  try {
    // No reviver: it would cost a call per number (a third of a request's time). 1e999, which
    // parses to Infinity, is refused by the instance check.
    return JSON.parse(text) as unknown;
  } catch (error) {
    const nonFinite = /(?<![\w"])-?(NaN|Infinity)(?![\w"])/.exec(text);
    if (nonFinite) throw new HttpError(400, `malformed JSON: ${nonFinite[0]} is not a number in JSON; inputs must be finite numbers`);
    throw new HttpError(400, `malformed JSON: ${(error as Error).message}`);
  }
}

/** For a value refused by the schema that is a number all the same (1e999 parses to Infinity): says so. */
function nonFinite(body: unknown, pointer: string | undefined): string | undefined {
  if (pointer === undefined) return undefined;
  let value = body;
  for (const key of pointer.split('/').slice(1)) value = (value as Record<string, unknown> | null)?.[key];
  return typeof value === 'number' && !Number.isFinite(value) ? `body${pointer} is ${value}: inputs must be finite numbers` : undefined;
}

function modelStatus(served: ServedModel): object {
  const { model, metadata } = served.opened;
  return {
    name: served.name,
    version: served.version,
    state: 'AVAILABLE',
    loadedAt: served.loadedAt.toISOString(),
    input: { shape: [null, ...(model.spec.inputShape ?? [model.inputSize])] },
    output: { shape: [null, model.outputSize] },
    metadata: {
      ...(metadata.classNames ? { classNames: metadata.classNames } : {}),
      ...(metadata.featureNames ? { featureNames: metadata.featureNames } : {}),
      ...(metadata.imageSide ? { imageSide: metadata.imageSide } : {}),
      config: metadata.config ?? {},
      ...(metadata.result ? { result: metadata.result } : {}),
    },
  };
}

export function buildServer(registry: ModelRegistry, jobs: JobManager, metrics: ServeMetrics, options: ServerOptions): FastifyInstance {
  const app = Fastify({
    bodyLimit: options.maxBodyBytes,
    // Bodies are taken as sent: "5.1" is not a number, and unknown keys are refused, not dropped.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: false } },
    // Keep-alive connections left idle are closed at shutdown; requests in flight finish.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
  });
  // At shutdown, a keep-alive connection whose request is still in flight would stay open (idle)
  // once answered and keep close() waiting: its response says `connection: close` instead.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });
  // JSON only: a web page can post text/plain or a form to localhost without a CORS preflight,
  // application/json it cannot; so other types are refused (415) rather than read.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJson(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });

  if (options.token !== undefined) {
    const token = options.token;
    app.addHook('onRequest', async (request, reply) => {
      if (request.url === '/healthz') return;
      if (!bearerMatches(request.headers.authorization, token)) {
        await reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'missing or wrong bearer token (Authorization: Bearer <token>)' });
      }
    });
  }
  app.addHook('onResponse', async (request, reply) => {
    metrics.request(request.routeOptions.url ?? 'unknown', request.method, reply.statusCode, reply.elapsedTime / 1000);
  });

  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (error instanceof QueueFullError) return reply.code(503).header('retry-after', String(options.retryAfterSeconds)).send({ error: error.message });
    if (status >= 500) {
      reply.log.error(error);
      return reply.code(status).send({ error: `internal error: ${error.message}` });
    }
    const code = 'code' in error ? error.code : undefined;
    const message =
      code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? `the body is larger than the limit of ${options.maxBodyBytes} bytes`
        : code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
          ? `the body must be sent as application/json, not ${String(request.headers['content-type']).slice(0, 60)}`
        : 'validation' in error && error.validation
          ? (nonFinite(request.body, error.validation[0]?.instancePath) ?? `the body does not fit the schema: ${error.message}`)
          : error.message;
    return reply.code(status).send({ error: message });
  });
  app.setNotFoundHandler((request, reply) => reply.code(404).send({ error: `no route ${request.method} ${request.url.split('?')[0]}` }));

  const served = (name: string): ServedModel => {
    const model = MODEL_NAME.test(name) ? registry.get(name) : undefined;
    if (!model) throw new HttpError(404, `no model named '${name.slice(0, 64)}' (serving: ${registry.names().join(', ') || 'none'})`);
    return model;
  };

  app.get('/healthz', async () => ({ status: 'ok', models: registry.names(), jobsRunning: jobs.running }));
  app.get('/metrics', async (_request, reply) => reply.type(metrics.contentType).send(await metrics.text()));
  app.get<{ Params: { name: string } }>('/v1/models/:name', async (request) => ({ model_version_status: [modelStatus(served(request.params.name))] }));

  // TF Serving's `<name>:predict` is one path segment: the router takes it whole, and the verb is split off here.
  app.post<{ Params: { target: string }; Body: { instances: Instance[] } }>(
    '/v1/models/:target',
    { schema: { body: predictBodySchema(options.maxInstances) } },
    async (request) => {
      const { target } = request.params;
      const colon = target.lastIndexOf(':');
      if (colon < 0 || target.slice(colon + 1) !== 'predict') {
        throw new HttpError(404, `no such method: POST /v1/models/<name>:predict is the one this server answers`);
      }
      const model = served(target.slice(0, colon));
      const { instances } = request.body;
      let x: Float32Array;
      try {
        x = await instanceRows(model.opened, model.name, instances);
      } catch (error) {
        if (error instanceof BadInstanceError) throw new HttpError(400, error.message);
        throw error;
      }
      const y = await model.batcher.submit(x, instances.length);
      return { predictions: instances.map((_, r) => predictionOf(model.opened, y, r).prediction) };
    },
  );

  const jobBody = {
    type: 'object',
    required: ['config', 'name'],
    additionalProperties: false,
    properties: { config: { type: 'object' }, name: { type: 'string', pattern: MODEL_NAME.source } },
  };
  app.post<{ Body: { config: TrainConfig; name: string } }>('/v1/jobs', { schema: { body: jobBody } }, async (request, reply) => {
    try {
      return await reply.code(201).send(jobs.start(request.body.config, request.body.name));
    } catch (error) {
      if (!(error instanceof JobRequestError)) throw error;
      if (error.status === 503) reply.header('retry-after', String(options.retryAfterSeconds));
      throw new HttpError(error.status, error.message);
    }
  });
  const job = (id: string): NonNullable<ReturnType<JobManager['get']>> => {
    const view = jobs.get(id);
    if (!view) throw new HttpError(404, `no job with id '${id.slice(0, 64)}'`);
    return view;
  };
  app.get<{ Params: { id: string } }>('/v1/jobs/:id', async (request) => job(request.params.id));
  app.delete<{ Params: { id: string } }>('/v1/jobs/:id', async (request, reply) => {
    job(request.params.id);
    return reply.code(202).send(jobs.cancel(request.params.id));
  });
  app.get<{ Params: { id: string } }>('/v1/jobs/:id/events', (request, reply) => {
    job(request.params.id);
    // Server-Sent Events: the response stays open and each epoch is one `event:`/`data:` record.
    reply.hijack();
    reply.raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const stop = jobs.listen(request.params.id, ({ event, data }) => {
      reply.raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      if (event === 'end') reply.raw.end();
    });
    request.raw.on('close', () => stop?.());
  });
  return app;
}
