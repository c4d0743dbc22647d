/**
 * The security headers of every page the site serves, declared once: the CloudFront distribution
 * adds them on AWS (infra/site.ts), and the local server sends the very same ones (local/web-site.ts),
 * so a change that breaks the production CSP breaks the browser tests too.
 */

/**
 * The `Content-Security-Policy`: scripts, styles and everything else from the site itself (the build
 * writes no inline script or style), fetches to the site and `connectSources` (the API and the
 * sign-in domain's token endpoint, where they are other origins), no plugins, no framing, no foreign
 * `<base>` or form targets. Evidence goes straight to and from its bucket: its origin is among both
 * `connectSources` (the upload's PUT) and `imageSources` (thumbnails).
 */
export function contentSecurityPolicy(connectSources: readonly string[] = [], imageSources: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    // The pages' `<link rel="icon" href="data:,">` (no favicon request), and evidence thumbnails from `imageSources`.
    ['img-src', "'self'", 'data:', ...imageSources].join(' '),
    ['connect-src', "'self'", ...connectSources].join(' '),
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** HTTPS only, for two years, subdomains included (what CloudFront sends; meaningless over local http). */
export const HSTS = { maxAgeDays: 730, includeSubdomains: true } as const;
export const FRAME_OPTIONS = 'DENY';
export const REFERRER_POLICY = 'no-referrer';

/** The headers as an HTTP answer carries them (locally; CloudFront sends the same through its policy). */
export function securityHeaders(connectSources: readonly string[] = [], imageSources: readonly string[] = []): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(connectSources, imageSources),
    'x-content-type-options': 'nosniff',
    'x-frame-options': FRAME_OPTIONS,
    'referrer-policy': REFERRER_POLICY,
  };
}
