// Loads the trap-test build (target/trap/pkg) and records what happens around a deliberate trap.
import init, { renderHtml, __trapForTests } from '../../target/trap/pkg/quire.js';

const results = {};
try {
  await init();
  results.before = renderHtml('*a*', { bodyOnly: true });
  try {
    __trapForTests();
    results.trap = 'did not trap';
  } catch (error) {
    results.trap = `${error.constructor.name}: ${error.message}`;
  }
  results.after = renderHtml('*b*', { bodyOnly: true });
  results.again = renderHtml('*c*', { bodyOnly: true });
} catch (error) {
  results.error = `${error.constructor.name}: ${error.message}`;
}
window.__results = results;
