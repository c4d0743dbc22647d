import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/**
 * One logger and one metrics buffer per function instance. Logs are structured JSON carrying the
 * Lambda and API request ids; request bodies are never logged (they hold people's words and names).
 */
export const logger = new Logger({ serviceName: 'xiajiceng' });
export const metrics = new Metrics({ namespace: 'Xiajiceng', serviceName: 'xiajiceng' });

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
