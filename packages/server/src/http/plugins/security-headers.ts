// Security headers on every answer (@fastify/helmet): a strict Content-Security-Policy the built web app passes,
// frame denial, nosniff, no referrer, and HSTS only when the public URL is https (HSTS over plain HTTP is ignored
// by browsers, and pinning a plain-HTTP test host to HTTPS would lock users out). Why each directive: docs/decisions.md D44.
import helmet from '@fastify/helmet';
import fp from 'fastify-plugin';

const SELF = "'self'";
const NONE = "'none'";

// The web app: one module script and one stylesheet from /assets, a data: favicon, fetches to its own origin.
// React sets `style` props through the CSSOM (element.style), which CSP does not govern, so no 'unsafe-inline'.
export const APP_CSP_DIRECTIVES = {
  defaultSrc: [SELF],
  scriptSrc: [SELF],
  scriptSrcAttr: [NONE],
  styleSrc: [SELF],
  imgSrc: [SELF, 'data:'],
  fontSrc: [SELF],
  connectSrc: [SELF],
  objectSrc: [NONE],
  baseUri: [SELF],
  formAction: [SELF],
  frameAncestors: [NONE],
};

// The API docs page (/api/docs, swagger-ui 5): the same, except the one <style> element swagger-ui injects, allowed by
// its hash (not 'unsafe-inline'); the validator badge is off (no third-party image). A swagger-ui upgrade that changes
// that element shows as a violation in packages/web/e2e/security-headers.spec.ts.
const SWAGGER_UI_STYLE_HASH = "'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='";
export const API_DOCS_CSP = `default-src 'self'; script-src 'self'; script-src-attr 'none'; style-src 'self' ${SWAGGER_UI_STYLE_HASH}; `
  + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
  + "frame-ancestors 'none'";

const HSTS_MAX_AGE_SECONDS = 180 * 24 * 3600;

export const securityHeadersPlugin = fp<{ publicUrl: string }>(async (app, { publicUrl }) => {
  const https = publicUrl.startsWith('https://');
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: APP_CSP_DIRECTIVES },
    frameguard: { action: 'deny' },
    hsts: https ? { maxAge: HSTS_MAX_AGE_SECONDS, includeSubDomains: false } : false,
    referrerPolicy: { policy: 'no-referrer' },
    noSniff: true,
    crossOriginEmbedderPolicy: false,
  });
});
