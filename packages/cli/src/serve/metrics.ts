/**
 * The server's Prometheus metrics (prom-client, on a registry of its own so that two servers in
 * one process never share counters): requests by route and status, request latency, and the
 * rows of every forward pass the batcher ran.
 */
import { Counter, Histogram, Registry } from 'prom-client';

export class ServeMetrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'backprop_http_requests_total',
    help: 'HTTP requests answered, by route and status code',
    labelNames: ['route', 'method', 'code'] as const,
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: 'backprop_http_request_duration_seconds',
    help: 'Time from a request received to its response sent',
    labelNames: ['route'] as const,
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });
  private readonly batchRows = new Histogram({
    name: 'backprop_batch_size',
    help: 'Rows per forward pass (dynamic batching gathers concurrent requests)',
    labelNames: ['model'] as const,
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
    registers: [this.registry],
  });

  request(route: string, method: string, code: number, seconds: number): void {
    this.requests.inc({ route, method, code: String(code) });
    this.latency.observe({ route }, seconds);
  }

  batch(model: string, rows: number): void {
    this.batchRows.observe({ model }, rows);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}
