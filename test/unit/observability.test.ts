import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { type ObservabilityConfig, observabilityConfig } from '#functions/config.ts';
import { Logger, MetricUnit, Metrics, outcomeOf } from '#functions/http/observability.ts';
import { injectLambdaContext } from '#functions/http/middleware/log-context.ts';
import { apiEvent } from './support/events.ts';

const settings = (over: Partial<ObservabilityConfig> = {}) => () => ({
  LOG_LEVEL: 'INFO', METRICS_DISABLED: 'false', SERVICE_NAME: 'xiajiceng', METRICS_NAMESPACE: 'Xiajiceng', ...over,
}) as ObservabilityConfig;

const NOW = new Date('2026-03-01T04:05:06.789Z');

function capture() {
  const lines: string[] = [];
  return { lines, sink: (line: string) => lines.push(line), parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

const context = {
  functionName: 'xiajiceng-records-create', awsRequestId: 'req-1', memoryLimitInMB: '512',
  invokedFunctionArn: 'arn:aws-cn:lambda:cn-northwest-1:123456789012:function:xiajiceng-records-create',
  getRemainingTimeInMillis: () => 10_000,
} as unknown as Context;

/**
 * The embedded metric format's rules, from the specification
 * (docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html).
 */
function expectValidEmf(line: string) {
  expect(line).not.toContain('\n');
  const doc = JSON.parse(line);
  expect(typeof doc).toBe('object');
  const { Timestamp, CloudWatchMetrics } = doc._aws;
  expect(Number.isInteger(Timestamp)).toBe(true);
  expect(CloudWatchMetrics.length).toBeGreaterThan(0);
  for (const directive of CloudWatchMetrics) {
    expect(Object.keys(directive).sort()).toEqual(['Dimensions', 'Metrics', 'Namespace']);
    expect(directive.Namespace.length).toBeGreaterThan(0);
    expect(directive.Dimensions.length).toBeGreaterThan(0);
    for (const set of directive.Dimensions) {
      expect(set.length).toBeLessThanOrEqual(30);
      for (const key of set) {
        expect(typeof doc[key]).toBe('string');
        expect(doc[key].length).toBeLessThanOrEqual(1024);
      }
    }
    expect(directive.Metrics.length).toBeLessThanOrEqual(100);
    for (const metric of directive.Metrics) {
      expect(Object.keys(metric).filter((k) => !['Name', 'Unit', 'StorageResolution'].includes(k))).toEqual([]);
      const target = doc[metric.Name];
      if (Array.isArray(target)) {
        expect(target.length).toBeLessThanOrEqual(100);
        for (const v of target) expect(typeof v).toBe('number');
      } else {
        expect(typeof target).toBe('number');
      }
    }
  }
  return doc;
}

describe('Logger', () => {
  it('writes one JSON line: level, message, timestamp, service, then the extra fields', () => {
    const out = capture();
    new Logger(settings(), out.sink, () => NOW).info('request refused', { status: 422, problem: 'invalid-body' });
    expect(out.lines).toHaveLength(1);
    expect(out.parsed()[0]).toEqual({
      level: 'INFO', message: 'request refused', timestamp: '2026-03-01T04:05:06.789Z', service: 'xiajiceng', status: 422, problem: 'invalid-body',
    });
  });

  it('puts an error under `error` with its name, message, stack and cause', () => {
    const out = capture();
    const error = new TypeError('boom', { cause: new Error('underneath') });
    new Logger(settings(), out.sink, () => NOW).error('request failed', error);
    const line = out.parsed()[0];
    expect(line).toMatchObject({ level: 'ERROR', message: 'request failed', error: { name: 'TypeError', message: 'boom', cause: { name: 'Error', message: 'underneath' } } });
    expect((line.error as { stack: string }).stack).toContain('TypeError: boom');
  });

  it('writes what JSON.stringify alone would throw on: a circular object, a bigint', () => {
    const out = capture();
    const loop: Record<string, unknown> = { id: 1 };
    loop.self = loop;
    new Logger(settings(), out.sink, () => NOW).warn('odd', { loop, big: 10n });
    expect(out.parsed()[0]).toMatchObject({ level: 'WARN', loop: { id: 1, self: '[Circular]' }, big: '10' });
  });

  it('writes only lines at or above the level; SILENT writes none', () => {
    const write = (level: ObservabilityConfig['LOG_LEVEL']) => {
      const out = capture();
      const logger = new Logger(settings({ LOG_LEVEL: level }), out.sink);
      logger.debug('d');
      logger.info('i');
      logger.warn('w');
      logger.error('e');
      return out.parsed().map((l) => l.level);
    };
    expect(write('DEBUG')).toEqual(['DEBUG', 'INFO', 'WARN', 'ERROR']);
    expect(write('INFO')).toEqual(['INFO', 'WARN', 'ERROR']);
    expect(write('WARN')).toEqual(['WARN', 'ERROR']);
    expect(write('ERROR')).toEqual(['ERROR']);
    expect(write('SILENT')).toEqual([]);
  });

  it('carries the Lambda context and API request id of each invocation (middleware), keys appended in it reset after', async () => {
    const out = capture();
    const logger = new Logger(settings(), out.sink, () => NOW);
    const handler = middy(async (event: { note?: string }) => {
      logger.appendKeys({ note: event.note });
      logger.info('handled');
      return 'ok';
    }).use(injectLambdaContext(logger, { resetKeys: true }));

    await handler({ ...apiEvent('GET /health'), note: 'first' } as never, context);
    await handler({ note: 'second' }, { ...context, awsRequestId: 'req-2' });
    logger.info('between invocations');

    const [first, second, after] = out.parsed();
    expect(first).toEqual({
      level: 'INFO', message: 'handled', timestamp: NOW.toISOString(), service: 'xiajiceng',
      cold_start: true, function_arn: context.invokedFunctionArn, function_memory_size: '512',
      function_name: 'xiajiceng-records-create', function_request_id: 'req-1',
      api_request_id: expect.any(String), note: 'first',
    });
    expect(second).toMatchObject({ cold_start: false, function_request_id: 'req-2', note: 'second' });
    expect(second).not.toHaveProperty('api_request_id');
    expect(after).not.toHaveProperty('note');
  });
});

describe('Metrics (CloudWatch embedded metric format)', () => {
  it('publishes stored metrics as one valid EMF line under the namespace, with the service and added dimensions', () => {
    const out = capture();
    const metrics = new Metrics(settings(), out.sink, () => NOW.getTime());
    metrics.addDimension('operation', 'createVisit');
    metrics.addMetric('SubmissionAccepted', MetricUnit.Count, 1);
    metrics.publishStoredMetrics();
    expect(out.lines).toHaveLength(1);
    expect(expectValidEmf(out.lines[0])).toEqual({
      _aws: {
        Timestamp: NOW.getTime(),
        CloudWatchMetrics: [{ Namespace: 'Xiajiceng', Dimensions: [['service', 'operation']], Metrics: [{ Name: 'SubmissionAccepted', Unit: 'Count' }] }],
      },
      service: 'xiajiceng',
      operation: 'createVisit',
      SubmissionAccepted: 1,
    });
  });

  it('forgets metrics and added dimensions once published; the service dimension stays', () => {
    const out = capture();
    const metrics = new Metrics(settings(), out.sink, () => NOW.getTime());
    metrics.addDimension('operation', 'createVisit');
    metrics.addMetric('SubmissionRejected', MetricUnit.Count, 1);
    metrics.publishStoredMetrics();
    metrics.addMetric('SnapshotReady', MetricUnit.Count, 1);
    metrics.publishStoredMetrics();
    const second = expectValidEmf(out.lines[1]);
    expect(second._aws.CloudWatchMetrics[0].Dimensions).toEqual([['service']]);
    expect(second._aws.CloudWatchMetrics[0].Metrics).toEqual([{ Name: 'SnapshotReady', Unit: 'Count' }]);
    expect(second).not.toHaveProperty('operation');
    expect(second).not.toHaveProperty('SubmissionRejected');
  });

  it('publishes a metric added twice as an array of its values, and several metrics in one line', () => {
    const out = capture();
    const metrics = new Metrics(settings(), out.sink, () => NOW.getTime());
    metrics.addMetric('Latency', MetricUnit.Milliseconds, 12);
    metrics.addMetric('Latency', MetricUnit.Milliseconds, 15);
    metrics.addMetric('SnapshotReady', MetricUnit.Count, 1);
    metrics.publishStoredMetrics();
    const doc = expectValidEmf(out.lines[0]);
    expect(doc.Latency).toEqual([12, 15]);
    expect(doc._aws.CloudWatchMetrics[0].Metrics).toEqual([{ Name: 'Latency', Unit: 'Milliseconds' }, { Name: 'SnapshotReady', Unit: 'Count' }]);
  });

  it('writes nothing without metrics, and nothing when disabled (but still forgets what was stored)', () => {
    const out = capture();
    const disabled = new Metrics(settings({ METRICS_DISABLED: 'true' }), out.sink);
    disabled.addDimension('operation', 'createVisit');
    disabled.addMetric('SubmissionAccepted', MetricUnit.Count, 1);
    disabled.publishStoredMetrics();
    new Metrics(settings(), out.sink).publishStoredMetrics();
    expect(out.lines).toEqual([]);
  });

  it('takes namespace and service from the settings', () => {
    const out = capture();
    const metrics = new Metrics(settings({ METRICS_NAMESPACE: 'Other', SERVICE_NAME: 'svc' }), out.sink);
    metrics.addMetric('X', MetricUnit.Count, 1);
    metrics.publishStoredMetrics();
    expect(expectValidEmf(out.lines[0])).toMatchObject({ service: 'svc', _aws: { CloudWatchMetrics: [{ Namespace: 'Other' }] } });
  });
});

describe('outcomeOf', () => {
  it('counts 2xx/3xx as accepted, 4xx as rejected, 5xx as failed', () => {
    expect([200, 201, 304, 400, 422, 499, 500, 503].map(outcomeOf)).toEqual([
      'SubmissionAccepted', 'SubmissionAccepted', 'SubmissionAccepted', 'SubmissionRejected', 'SubmissionRejected', 'SubmissionRejected', 'SubmissionFailed', 'SubmissionFailed',
    ]);
  });
});

describe('observability settings', () => {
  it('are read from the environment (the unit project silences logs and disables metrics) with the service and namespace defaults', () => {
    expect(observabilityConfig()).toEqual({ LOG_LEVEL: 'SILENT', METRICS_DISABLED: 'true', SERVICE_NAME: 'xiajiceng', METRICS_NAMESPACE: 'Xiajiceng' });
  });
});
