import type { Context } from 'aws-lambda';
import { LOG_LEVELS, type ObservabilityConfig, observabilityConfig } from '#functions/config.ts';

/**
 * Structured JSON logs and CloudWatch metrics (embedded metric format), written to stdout one line
 * each: on Lambda every line goes to the function's log group, and CloudWatch turns the EMF lines
 * into metrics. Request bodies are never logged (they hold people's words and names).
 *
 * Our own few lines instead of Powertools' logger and metrics, which weighed 33 KB in every bundle.
 * The field names are Powertools' (level, message, timestamp, service, cold_start, function_name,
 * function_request_id, …), so log queries written for them still work.
 */

type Fields = Record<string, unknown>;
export type LogLevel = (typeof LOG_LEVELS)[number];
/** Where a finished line goes (stdout on Lambda; a test passes its own). */
export type LineSink = (line: string) => void;

const stdout: LineSink = (line) => process.stdout.write(`${line}\n`);

/** An error as log fields: its name, message and stack, and its cause the same way. */
export function errorFields(error: Error): Fields {
  return {
    name: error.name, message: error.message, stack: error.stack,
    ...(error.cause !== undefined ? { cause: error.cause instanceof Error ? errorFields(error.cause) : error.cause } : {}),
  };
}

/** JSON that a log line can always be: errors anywhere as their fields, bigints as strings, a repeated object once. */
function safeJson(value: Fields): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'bigint') return v.toString();
    if (typeof v !== 'object' || v === null) return v;
    if (seen.has(v)) return '[Circular]';
    seen.add(v);
    return v instanceof Error ? errorFields(v) : v;
  });
}

/** The settings a logger or metrics buffer reads, on first use (so tests and local tools may set them first). */
type Settings = () => ObservabilityConfig;

export class Logger {
  /** The Lambda invocation's fields, replaced by each `addContext`. */
  #invocation: Fields = {};
  /** Fields added with `appendKeys`, until `resetKeys`. */
  #keys: Fields = {};
  #coldStart = true;
  #settings?: ReturnType<Settings>;

  constructor(private readonly settings: Settings = observabilityConfig, private readonly sink: LineSink = stdout, private readonly now = () => new Date()) {}

  debug(message: string, ...extra: (Fields | Error)[]) { this.#write('DEBUG', message, extra); }
  info(message: string, ...extra: (Fields | Error)[]) { this.#write('INFO', message, extra); }
  warn(message: string, ...extra: (Fields | Error)[]) { this.#write('WARN', message, extra); }
  /** An `Error` among the extras goes under `error` (name, message, stack); plain objects are merged in. */
  error(message: string, ...extra: (Fields | Error)[]) { this.#write('ERROR', message, extra); }

  appendKeys(fields: Fields) { Object.assign(this.#keys, fields); }
  resetKeys() { this.#keys = {}; }

  /**
   * The invocation's Lambda context (and API Gateway request id, if any) on every line until the next
   * one. Reads the settings, so a malformed one fails the first invocation, not some later log line.
   */
  addContext(context: Context, event?: unknown) {
    this.#settings ??= this.settings();
    const apiRequestId = (event as { requestContext?: { requestId?: unknown } } | undefined)?.requestContext?.requestId;
    this.#invocation = {
      cold_start: this.#coldStart,
      function_arn: context.invokedFunctionArn,
      function_memory_size: context.memoryLimitInMB,
      function_name: context.functionName,
      function_request_id: context.awsRequestId,
      ...(typeof apiRequestId === 'string' ? { api_request_id: apiRequestId } : {}),
    };
    this.#coldStart = false;
  }

  #write(level: Exclude<LogLevel, 'SILENT'>, message: string, extra: (Fields | Error)[]) {
    const settings = (this.#settings ??= this.settings());
    if (LOG_LEVELS.indexOf(level) < LOG_LEVELS.indexOf(settings.LOG_LEVEL)) return;
    const line: Fields = { level, message, timestamp: this.now().toISOString(), service: settings.SERVICE_NAME, ...this.#invocation, ...this.#keys };
    for (const fields of extra) Object.assign(line, fields instanceof Error ? { error: fields } : fields);
    this.sink(safeJson(line));
  }
}

/** The CloudWatch units this code uses (any of MetricDatum's units would do). */
export const MetricUnit = { Count: 'Count', Milliseconds: 'Milliseconds', Seconds: 'Seconds' } as const;
export type MetricUnit = (typeof MetricUnit)[keyof typeof MetricUnit];

/**
 * Metrics buffered until `publishStoredMetrics`, then written as one EMF document: every metric under
 * the namespace, with the `service` dimension and those added since the last publish.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
 */
export class Metrics {
  #dimensions: Record<string, string> = {};
  #metrics = new Map<string, { unit: MetricUnit; values: number[] }>();
  #settings?: ReturnType<Settings>;

  constructor(private readonly settings: Settings = observabilityConfig, private readonly sink: LineSink = stdout, private readonly now = () => Date.now()) {}

  /** A dimension of the metrics published next (its value: a string of at most 1,024 characters). */
  addDimension(name: string, value: string) { this.#dimensions[name] = value; }

  /** Adding a name twice publishes both values (EMF allows up to 100 per metric). */
  addMetric(name: string, unit: MetricUnit, value: number) {
    const metric = this.#metrics.get(name) ?? { unit, values: [] };
    metric.values.push(value);
    this.#metrics.set(name, metric);
  }

  /** Writes the stored metrics (nothing if none, or if metrics are disabled), then forgets them and the added dimensions. */
  publishStoredMetrics() {
    const settings = (this.#settings ??= this.settings());
    try {
      if (!this.#metrics.size || settings.METRICS_DISABLED === 'true') return;
      const dimensions = { service: settings.SERVICE_NAME, ...this.#dimensions };
      const metrics = [...this.#metrics];
      this.sink(JSON.stringify({
        _aws: {
          Timestamp: this.now(),
          CloudWatchMetrics: [{
            Namespace: settings.METRICS_NAMESPACE,
            Dimensions: [Object.keys(dimensions)],
            Metrics: metrics.map(([name, { unit }]) => ({ Name: name, Unit: unit })),
          }],
        },
        ...dimensions,
        ...Object.fromEntries(metrics.map(([name, { values }]) => [name, values.length === 1 ? values[0] : values])),
      }));
    } finally {
      this.#metrics.clear();
      this.#dimensions = {};
    }
  }
}

/** One logger and one metrics buffer per function instance. */
export const logger = new Logger();
export const metrics = new Metrics();

export type SubmissionOutcome = 'SubmissionAccepted' | 'SubmissionRejected' | 'SubmissionFailed';

export function outcomeOf(status: number): SubmissionOutcome {
  return status < 400 ? 'SubmissionAccepted' : status < 500 ? 'SubmissionRejected' : 'SubmissionFailed';
}

/** One EMF record per write request: accepted (2xx), rejected (4xx) or failed (5xx), by operation. */
export function recordSubmission(operation: string, status: number): void {
  metrics.addDimension('operation', operation);
  metrics.addMetric(outcomeOf(status), MetricUnit.Count, 1);
  metrics.publishStoredMetrics();
}
