import { Request, Response } from 'express';
import { registry } from './registry';

/** GET /metrics: every metric in the Prometheus text format. */
export async function metricsHandler(_req: Request, res: Response): Promise<void> {
  res.setHeader('content-type', registry.contentType);
  res.setHeader('cache-control', 'no-store');
  res.send(await registry.metrics());
}
