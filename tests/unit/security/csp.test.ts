import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../common/csp';
import { rendererResponse } from '../../../main/renderer-files';
import { built, ensureBuilt } from './built-app';

// The built renderer's Content-Security-Policy, read from what ships (out/renderer) and from the
// header main sends with every file (common/csp.ts). The browser-level proof (an injected inline
// script and a remote script are blocked) is tests/e2e/harness/app-info.spec.ts.

type Policy = Map<string, string[]>;

function parsePolicy(text: string): Policy {
  const policy: Policy = new Map();
  for (const part of text.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (!name) continue;
    expect(policy.has(name.toLowerCase()), `directive ${name} appears twice`).toBe(false);
    policy.set(name.toLowerCase(), values);
  }
  return policy;
}

/** Sources that name nothing outside the app: its own origin, nothing at all, or inline images. */
function isLocalSource(directive: string, source: string): boolean {
  if (source === "'self'" || source === "'none'") return true;
  return directive === 'img-src' && source === 'data:';
}

function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/**
 * The places in third-party code of the bundle that reach for eval or the Function constructor,
 * and why none can run: script-src has no 'unsafe-eval', so the browser throws EvalError for each.
 */
const explainedEvalSites = [
  {
    library: 'zod 4',
    pattern: /try\{return Function\((?:``|""|'')\),!0\}catch\{return!1\}/,
    why: 'a feature probe: zod asks whether it may compile validators with new Function; under the CSP the probe throws, zod catches it and validates without generated code',
  },
  {
    library: 'decimal.js-light (recharts)',
    pattern: /self\.self==self\?self:Function\([`'"]return this[`'"]\)\(\)/,
    why: 'a global-object fallback for hosts without `self`; a renderer always has `self`, and the CSP would block the call if it were reached',
  },
];

describe('the built renderer’s Content-Security-Policy', () => {
  let html: string;
  let metaPolicy: Policy;
  let headerPolicy: Policy;
  let scripts: Array<{ file: string; text: string }>;

  beforeAll(async () => {
    await ensureBuilt();
    html = readFileSync(built.rendererHtml, 'utf8');
    const meta = /<meta\s+http-equiv=["']Content-Security-Policy["']\s+content=(?:"([^"]*)"|'([^']*)')\s*\/?>/i.exec(
      html,
    );
    expect(meta, 'out/renderer/index.html has no CSP meta tag').not.toBeNull();
    metaPolicy = parsePolicy(decodeEntities(meta![1] ?? meta![2]!));
    headerPolicy = parsePolicy(contentSecurityPolicy);
    const assets = path.join(built.rendererDir, 'assets');
    scripts = readdirSync(assets)
      .filter((name) => /\.m?js$/.test(name))
      .map((name) => ({ file: `assets/${name}`, text: readFileSync(path.join(assets, name), 'utf8') }));
    expect(scripts.length).toBeGreaterThan(0);
  });

  describe.each([
    ['the header main sends (common/csp.ts)', () => headerPolicy],
    ['the meta tag in out/renderer/index.html', () => metaPolicy],
  ])('%s', (_label, policy) => {
    it("allows scripts only from the app itself: script-src 'self', nothing else", () => {
      expect(policy().get('script-src')).toEqual(["'self'"]);
    });

    it("falls back to nothing: default-src 'none', object-src 'none', base-uri 'none'", () => {
      expect(policy().get('default-src')).toEqual(["'none'"]);
      expect(policy().get('object-src')).toEqual(["'none'"]);
      expect(policy().get('base-uri')).toEqual(["'none'"]);
    });

    it('has no unsafe-inline, unsafe-eval, wasm-unsafe-eval, unsafe-hashes, nonce or hash anywhere', () => {
      for (const [directive, sources] of policy()) {
        for (const source of sources) {
          expect(source, directive).not.toMatch(/unsafe-|nonce-|sha(256|384|512)-|strict-dynamic/i);
        }
      }
    });

    it('names no remote origin (no scheme, host or wildcard) in any directive', () => {
      for (const [directive, sources] of policy()) {
        for (const source of sources) {
          expect(isLocalSource(directive, source), `${directive} ${source}`).toBe(true);
        }
      }
    });

    it('lets script-src-elem / script-src-attr / worker-src not widen script-src', () => {
      for (const directive of ['script-src-elem', 'script-src-attr', 'worker-src']) {
        const sources = policy().get(directive);
        if (sources) expect(sources.every((source) => source === "'self'" || source === "'none'")).toBe(true);
      }
    });
  });

  it('is the same policy in the meta tag as in the header, less frame-ancestors (header-only)', () => {
    const header = new Map(headerPolicy);
    expect(header.get('frame-ancestors')).toEqual(["'none'"]);
    header.delete('frame-ancestors');
    expect(Object.fromEntries(metaPolicy)).toEqual(Object.fromEntries(header));
  });

  it('comes with every renderer file main serves, html and scripts alike', async () => {
    for (const url of ['app://bundle/index.html', `app://bundle/${scripts[0]!.file}`, 'app://bundle/missing.js']) {
      const response = await rendererResponse(built.rendererDir, url);
      expect(response.headers['content-security-policy'], url).toBe(contentSecurityPolicy);
    }
  });

  it('puts the CSP meta tag before anything that could load or run', () => {
    const metaAt = html.search(/<meta\s+http-equiv=["']Content-Security-Policy/i);
    const firstLoad = html.search(/<(script|link|style|base|iframe|object|img)\b/i);
    expect(metaAt).toBeGreaterThan(-1);
    expect(metaAt).toBeLessThan(firstLoad);
  });

  it('has no inline script in the built html: every script is an own file, no handlers, no javascript: URLs', () => {
    const tags = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)];
    expect(tags.length).toBeGreaterThan(0);
    for (const [, attributes, body] of tags) {
      expect(body!.trim(), 'inline script body').toBe('');
      const src = /\bsrc=["']([^"']+)["']/.exec(attributes!)?.[1];
      expect(src, 'script without src').toBeDefined();
      expect(src).toMatch(/^\.?\/?assets\/[\w.-]+\.js$/);
    }
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/javascript:/i);
    expect(html).not.toMatch(/https?:\/\//i);
  });

  it('loads chunks only from the bundle itself (no remote import())', () => {
    for (const { file, text } of scripts) {
      for (const [, specifier] of text.matchAll(/\bimport\(\s*[`'"]([^`'"]+)[`'"]\s*\)/g)) {
        expect(specifier, file).toMatch(/^\.\.?\//);
      }
      expect(text, file).not.toMatch(/\bimportScripts\(/);
    }
  });

  it('has no eval( or new Function( of its own; each library one is explained and cannot run', () => {
    const unexplained: string[] = [];
    const seen = new Set<string>();
    for (const { file, text } of scripts) {
      for (const match of text.matchAll(/\b(?:eval|Function)\s*\(/g)) {
        const at = match.index;
        if (/[\w$.]$/.test(text.slice(0, at))) continue; // a method or another name: x.eval(, $Function(
        const context = text.slice(Math.max(0, at - 120), at + 120);
        const site = explainedEvalSites.find((known) => known.pattern.test(context));
        if (site) seen.add(site.library);
        else unexplained.push(`${file}: …${context}…`);
      }
    }
    expect(unexplained).toEqual([]);
    // Each explanation leans on this: without 'unsafe-eval' the browser refuses eval and Function.
    for (const policy of [headerPolicy, metaPolicy]) expect(policy.get('script-src')).not.toContain("'unsafe-eval'");
    // An explanation whose code has left the bundle is stale: drop it from the list.
    expect(explainedEvalSites.filter((site) => !seen.has(site.library)).map((site) => site.library)).toEqual([]);
  });
});
