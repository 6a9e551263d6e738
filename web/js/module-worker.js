// Every worker of the page starts here, so there is one place that turns a worker's URL into
// what `new Worker` accepts on a page that enforces Trusted Types (the site's own CSP, or a blog
// that embeds the element): a TrustedScriptURL from a policy that only accepts this site's files.
const SITE = new URL('..', import.meta.url);
// The name a page's CSP must allow (`trusted-types retention-calculator-worker`); scripts/serve.mjs
// and index.html's <meta> CSP list it.
export const WORKER_POLICY_NAME = 'retention-calculator-worker';
// This site's worker scripts: js/<name>-worker.js, nothing else (no query, no other folder).
const WORKER_SCRIPT = /^js\/[a-z]+(?:-[a-z]+)*-worker\.js$/;

function checkedWorkerUrl(url) {
  const parsed = new URL(url, SITE);
  const relative = parsed.href.startsWith(SITE.href) ? parsed.href.slice(SITE.href.length) : null;
  if (relative === null || !WORKER_SCRIPT.test(relative)) throw new TypeError(`Not one of this site's worker scripts: ${parsed.href}`);
  return parsed.href;
}

// Created on first use, once per page (a second policy of the same name would be refused). Where
// the browser has no Trusted Types, or the page does not enforce them, a checked string will do.
let policy;
function workerPolicy() {
  if (policy === undefined) {
    try {
      policy = globalThis.trustedTypes?.createPolicy(WORKER_POLICY_NAME, { createScriptURL: checkedWorkerUrl }) ?? null;
    } catch {
      policy = null;  // the page's CSP does not allow the name: new Worker below says so
    }
  }
  return policy;
}

// A worker the page may not start (a host page whose CSP does not allow the policy) behaves as one
// that failed at once: the panel's own onerror says why, instead of the panel dying silently.
class RefusedWorker {
  constructor(error) {
    this.onmessage = null;
    this.onerror = null;
    this.timer = setTimeout(() => this.onerror?.({ message: String(error?.message ?? error) }));
  }

  postMessage() {}

  terminate() {
    clearTimeout(this.timer);
  }
}

export function startModuleWorker(url) {
  try {
    const trusted = workerPolicy()?.createScriptURL(String(url)) ?? checkedWorkerUrl(url);
    return new Worker(trusted, { type: 'module' });
  } catch (error) {
    return new RefusedWorker(error);
  }
}
