// Loaded first, as a classic script, by the pages of e2e-csp.test.ts: it records every Content Security
// Policy violation of its document from the start, before the bundle's module runs. A file of its own
// because the page's policy allows no inline script.
window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.cspViolations.push({
    directive: event.effectiveDirective || event.violatedDirective,
    blocked: event.blockedURI,
    sample: event.sample,
  });
});
