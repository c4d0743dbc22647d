import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CfnElement, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { routeKey } from '#functions/routes.ts';
import { ROUTES } from '#functions/route-table.ts';
import { buildApp, type XiajicengApp } from '#infra/build-app.ts';
import { FIXED_NAMES } from '#infra/site-content-stack.ts';

/**
 * The real app, as `cdk synth` builds it: every function bundled by the local esbuild, and every
 * template checked by cdk-nag (AwsSolutions). One synthesis serves all the tests of this file.
 */

/** The parts of CDK's validation-report.json read here. */
interface ValidationReport {
  pluginReports: { pluginName: string; violations: { ruleName: string; severity: string; violatingResources?: { resourceLogicalId?: string }[] }[] }[];
}

let built: XiajicengApp;
let assembly: CloudAssembly;

beforeAll(() => {
  built = buildApp();
  // Throws when a rule pack reports an unacknowledged error (CDK fails synthesis on it).
  assembly = built.app.synth();
});

describe('cdk-nag (AwsSolutions)', () => {
  it('reports no finding that is not acknowledged, errors and warnings alike', () => {
    const reportFile = join(assembly.directory, 'validation-report.json');
    const report: ValidationReport = existsSync(reportFile) ? JSON.parse(readFileSync(reportFile, 'utf8')) : { pluginReports: [] };
    const findings = report.pluginReports.flatMap((plugin) => plugin.violations.map((v) =>
      `${plugin.pluginName} ${v.severity} ${v.ruleName} on ${(v.violatingResources ?? []).map((r) => r.resourceLogicalId).join(', ')}`));
    expect(findings).toEqual([]);
  });

  it('checks every stack of the app, the site and its content included', () => {
    const stacks = built.app.node.children.filter((c) => Stack.isStack(c)).map((s) => s.stackName);
    expect(stacks).toEqual(['XiajicengStorage', 'XiajicengSite', 'XiajicengSignIn', 'XiajicengApi', 'XiajicengSiteContent']);
    expect(assembly.stacks.map((s) => s.stackName).sort()).toEqual([...stacks].sort());
  });

  it('leaves no warning or error annotation on the stacks', () => {
    for (const stack of built.app.node.children.filter((c) => Stack.isStack(c))) {
      expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue()), stack.stackName).toEqual([]);
      expect(Annotations.fromStack(stack).findError('*', Match.anyValue()), stack.stackName).toEqual([]);
    }
  });

  it('is wired into the app: an unacknowledged finding fails synthesis', () => {
    // The same app (bundling skipped: irrelevant here) with one topic that breaks SNS2/SNS3.
    const canary = buildApp({ context: { 'aws:cdk:bundling-stacks': [] } });
    new Topic(canary.api, 'UnencryptedTopic');
    expect(() => canary.app.synth()).toThrow(/AwsSolutions-SNS[23]/);
  });
});

describe('function bundles', () => {
  const bundleOf = (key: string): string => {
    const fn = built.api.functions.get(key)!;
    const logicalId = built.api.getLogicalId(fn.function.node.defaultChild as CfnElement);
    const template = assembly.getStackByName(built.api.stackName).template as { Resources: Record<string, { Properties: { Code: { S3Key: string } } }> };
    // The staged asset directory is named after the hash that is also the code's S3 key.
    const hash = template.Resources[logicalId].Properties.Code.S3Key.replace(/\.zip$/, '');
    return readFileSync(join(assembly.directory, `asset.${hash}`, 'index.mjs'), 'utf8');
  };

  // One bundle per handler module; routes of the same module share it.
  const oneRoutePerModule = [...new Map(ROUTES.map((r) => [r.handler, routeKey(r)])).values()];
  it.each(oneRoutePerModule.map((key) => [key]))('%s is one self-contained minified ES module with the AWS SDK inside', (key) => {
    const code = bundleOf(key);
    // Nothing left for the runtime to resolve but Node's own modules: the SDK is bundled, not external.
    // (`import` inside a string, such as the path /branches/import, is no import.)
    const imports = [...code.matchAll(/(?<![\w$./])import\s*(?:[\w${}\s,*]+from\s*)?["']([^"']+)["']|(?<![\w$./])import\(["']([^"']+)["']\)/g)].map((m) => m[1] ?? m[2]);
    expect(imports.filter((specifier) => !specifier.startsWith('node:'))).toEqual([]);
    expect(code).toMatch(/export\s*\{[^}]*\bas handler\b|export\s*\{\s*handler\s*\}/);
    // Minified: not one of the many doc comments of our sources and the SDK's is left.
    expect(code, 'minified').not.toMatch(/\/\*\*\s*\n/);
    expect(code).not.toContain('sourceMappingURL');
    // Chinese as UTF-8 (LAMBDA_BUNDLING.charset reaches CDK's esbuild), not as 6-byte \u escapes.
    expect(code, 'UTF-8').not.toMatch(/\\u[4-9][0-9a-f]{3}/i);
    expect(code).toContain('取值无效');
  });
});

describe('web build (the site content stack)', () => {
  /** The staged web build that both deployments copy (the first source of each). */
  const webBuildDir = (): string => {
    const template = assembly.getStackByName(built.siteContent.stackName).template as { Resources: Record<string, { Type: string; Properties: { SourceObjectKeys: string[] } }> };
    const keys = new Set(Object.values(template.Resources).filter((r) => r.Type === 'Custom::CDKBucketDeployment').map((r) => r.Properties.SourceObjectKeys[0]));
    expect(keys.size).toBe(1);
    return join(assembly.directory, `asset.${[...keys][0].replace(/\.zip$/, '')}`);
  };
  /** Its files, relative to it, with forward slashes. */
  const webFiles = (): string[] => {
    const dir = webBuildDir();
    return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name).slice(dir.length + 1).split('\\').join('/'));
  };

  it('is built during synthesis: the pages, the service worker and hashed assets, but no config.json (the deployment writes it)', () => {
    const files = webFiles();
    expect(files).toEqual(expect.arrayContaining(['index.html', 'desk.html', 'dashboard.html', 'sw.js']));
    expect(files).not.toContain('config.json');
    const assets = files.filter((f) => f.startsWith('assets/'));
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) expect(asset).toMatch(/^assets\/[\w-]+-[A-Z0-9]{8}\.(js|css)$/);
    expect(readFileSync(join(webBuildDir(), 'index.html'), 'utf8')).toMatch(/<script type="module" src="assets\/forms-[A-Z0-9]{8}\.js"><\/script>/);
  });

  it('invalidates every file with a fixed name (everything outside assets/) after a deploy', () => {
    expect(FIXED_NAMES).toEqual(expect.arrayContaining(webFiles().filter((f) => !f.startsWith('assets/'))));
  });
});
