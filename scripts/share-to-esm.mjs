// esbuild gives every ES module that imports a CommonJS one (React, Node's built-ins through the
// build's shims) its own copy of that module's exports: an object with one getter per export, made
// as the importing module loads (its `__toESM` helper). The UI script has ~120 such imports, and
// at every start they made ~4000 getters, React's alone 65 times over: ~10 ms of the first frame.
// shareToESM makes the bundle make each copy once and share it among its importers.

/**
 * The wrapper installed around esbuild's helper. A copy is shared only while the module has as many
 * own properties as when it was made: a module imported while it is still loading (in a require
 * cycle) gains exports later, and whoever imports it then gets a fresh copy with them, as without
 * the wrapper. The count is a cheap stand-in for the names: a module that drops one export and
 * adds another in between would keep its old copy (none of ours does), and one whose properties
 * keep changing (`process`, which signal-exit adds to) gets a fresh copy each time, as before.
 * Values are always live (the copy's getters read the module). Anything but an object or a
 * function goes straight to the helper.
 */
export const shareToESMHelper = `function __mfaShareToESM(toESM){const made=new WeakMap();return function(mod,isNodeMode){if(mod===null||(typeof mod!=="object"&&typeof mod!=="function"))return toESM(mod,isNodeMode);const names=Object.getOwnPropertyNames(mod).length;const slot=isNodeMode?1:0;let copies=made.get(mod);if(copies===undefined)made.set(mod,copies=[undefined,undefined]);const copy=copies[slot];if(copy!==undefined&&copy.names===names)return copy.ns;const ns=toESM(mod,isNodeMode);copies[slot]={ns,names};return ns;};}`;

/**
 * esbuild's `__toESM`, minified or not: `var NAME=(mod,isNodeMode,target)=>(target=mod!=null?`,
 * which goes on to copy the exports and set `default` unless `mod.__esModule`.
 */
const toESMDefinition =
  /(?:\bvar |,)([\w$]+) ?= ?\(([\w$]+), ?([\w$]+), ?([\w$]+)\) ?=> ?\(\4 ?= ?\2 ?!= ?null ?\?/g;

/**
 * Returns the bundle's text with its `__toESM` wrapped in place by `__mfaShareToESM` (a function
 * declaration the caller must put in the bundle's scope: shareToESMHelper), so the wrapped helper
 * is what every module calls, whether esbuild wrote the definition as a `var` of its own or merged
 * it with others. The arrow's body ends at the parenthesis that matches its opening one (the
 * helper has no parentheses inside strings). Throws when the helper is not found exactly once, or
 * does not look like itself: an esbuild upgrade that changes it must fail the build, not lose the
 * sharing.
 */
export function shareToESM(text) {
  const found = [...text.matchAll(toESMDefinition)];
  if (found.length !== 1) {
    throw new Error(
      `shareToESM: esbuild's __toESM helper was found ${found.length} times instead of once`,
    );
  }
  const [match] = found;
  const name = match[1];
  // The arrow function starts at `(mod, …` and its body at the `(` after `=>`.
  const arrow = text.indexOf('(', match.index + match[0].indexOf('='));
  const bodyOpen = text.indexOf('(', text.indexOf('=>', arrow));
  let depth = 0;
  let end = -1;
  for (let i = bodyOpen; i < text.length && i - match.index < 1000; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const close = text.indexOf(c, i + 1);
      if (close === -1) break;
      i = close;
    } else if (c === '/' && text[i + 1] === '/') {
      // A comment (the readable build has some): to the end of the line.
      const eol = text.indexOf('\n', i);
      if (eol === -1) break;
      i = eol;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) {
      end = i;
      break;
    }
  }
  const body = end === -1 ? '' : text.slice(bodyOpen, end + 1);
  if (!body.includes(`${match[2]}.__esModule`)) {
    throw new Error(`shareToESM: the __toESM helper (${name}) does not end as expected`);
  }
  return `${text.slice(0, arrow)}__mfaShareToESM(${text.slice(arrow, end + 1)})${text.slice(end + 1)}`;
}
