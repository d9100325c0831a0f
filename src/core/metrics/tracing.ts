import { ApolloServerPlugin } from '@apollo/server';
import {
  Context as OtelContext,
  defaultTextMapGetter,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  Tracer,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { Context } from '../context';
import { ErrorCode } from '../errors';

/** OpenTelemetry traces: an Apollo plugin that records a span per operation, and a flush at exit. */
export interface Tracing {
  plugin: ApolloServerPlugin<Context>;
  tracer: Tracer;
  /** Sends what is buffered and stops exporting. */
  shutdown(): Promise<void>;
}

const propagator = new W3CTraceContextPropagator();

/** The trace context a caller sent in `traceparent`/`tracestate`, or none. */
function incomingContext(headers: Map<string, string> | undefined): OtelContext {
  if (!headers) return ROOT_CONTEXT;
  const carrier: Record<string, string> = {};
  for (const name of ['traceparent', 'tracestate']) {
    const value = headers.get(name);
    if (value) carrier[name] = value;
  }
  return propagator.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter);
}

/**
 * Traces exported over OTLP/HTTP (JSON) to `<endpoint>/v1/traces`, as OTEL_EXPORTER_OTLP_ENDPOINT
 * means in the OpenTelemetry specification. Each GraphQL operation is one server span named
 * after it, a child of the caller's span when the request carries `traceparent`, with the
 * operation's type, request id, SQL statement count and error codes as attributes.
 */
export function createTracing(endpoint: string, serviceName = 'careergraph'): Tracing {
  const exporter = new OTLPTraceExporter({ url: `${endpoint.replace(/\/+$/, '')}/v1/traces` });
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer('careergraph');
  const plugin: ApolloServerPlugin<Context> = {
    async requestDidStart({ request }) {
      const span = tracer.startSpan(
        'graphql',
        { kind: SpanKind.SERVER },
        incomingContext(request.http?.headers),
      );
      return {
        async willSendResponse({ operationName, operation, contextValue, response }) {
          const name = operationName ?? request.operationName ?? null;
          span.updateName(`graphql ${operation?.operation ?? 'request'}${name ? ` ${name}` : ''}`);
          span.setAttribute('graphql.operation.type', operation?.operation ?? 'unknown');
          if (name) span.setAttribute('graphql.operation.name', name);
          span.setAttribute('careergraph.request_id', contextValue.requestId);
          span.setAttribute('careergraph.sql_statements', contextValue.sql.statements);
          const errors =
            response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          if (errors.length) {
            const codes = errors.map((e) =>
              String(e.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR),
            );
            span.setAttribute('careergraph.error_codes', codes);
            span.setStatus({ code: SpanStatusCode.ERROR, message: codes.join(', ') });
          }
          span.end();
        },
      };
    },
  };
  return { plugin, tracer, shutdown: () => provider.shutdown() };
}
