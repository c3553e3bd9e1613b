// Records every Content-Security-Policy violation on the strict-CSP page, for people and tests.
window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
  const shown = document.getElementById('violations');
  if (shown) shown.textContent = `Policy violations: ${window.cspViolations.join('; ')}`;
});
