import { commandLine, usageError } from '#local/cli.ts';
import { isRole, ROLES, type Role } from '#schemas/access.ts';
import { findRegion } from '#schemas/regions.ts';
import { localDataDir } from '#local/paths.ts';
import { localIssuer, reportingClientToken, userToken } from '#local/issuer.ts';

/**
 * `npm run token -- --role submitter --region 630102 --sub m-630102-01`: prints a token the local
 * server accepts, signed by the local issuer (the same claims Cognito's tokens carry on AWS).
 * `--minister` ties a submitter to a head (default: `--sub` when it names one, `m-…`);
 * `--client` prints a reporting client's client-credentials token instead; `--ttl` in seconds.
 */
const USAGE = 'usage: npm run token -- --role submitter|staff|admin|reporter --region <GB/T code> [--sub <id>] [--minister <id>] [--ttl <s>]\n       npm run token -- --client';

const { values } = commandLine('npm run token', USAGE, {
  options: {
    role: { type: 'string' }, region: { type: 'string' }, sub: { type: 'string' }, minister: { type: 'string' },
    client: { type: 'boolean', default: false }, ttl: { type: 'string', default: '3600' },
  },
});

function fail(message: string): never {
  return usageError('npm run token', USAGE, message);
}

const issuer = localIssuer(localDataDir());
const ttl = Number(values.ttl);
if (!Number.isInteger(ttl) || ttl <= 0) fail('--ttl must be a whole number of seconds');
if (values.client) {
  console.log(reportingClientToken(issuer, ttl));
} else {
  const role = values.role as Role | undefined;
  if (!isRole(role)) fail(`--role must be one of ${Object.keys(ROLES).join(', ')}`);
  if (!values.region || !findRegion(values.region)) fail('--region must be a Qinghai region code (e.g. 630000, 632600, 630102)');
  const sub = values.sub ?? `${role}-${values.region}`;
  const ministerId = values.minister ?? (role === 'submitter' && /^m-/.test(sub) ? sub : undefined);
  console.log(userToken(issuer, { sub, role, region: values.region, ministerId }, ttl));
}
