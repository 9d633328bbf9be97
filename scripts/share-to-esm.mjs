// esbuild gives every ES module that imports a CommonJS one (React, Node's built-ins through the
// build's shims) its own copy of that module's exports: an object with one getter per export, made
// as the importing module loads (its `__toESM` helper). The UI script has ~120 such imports, and
// at every start they made ~4000 getters, React's alone 65 times over: ~10 ms of the first frame.
// shareToESM makes the bundle make each copy once and share it among its importers.

/**
 * The wrapper installed around esbuild's helper. A copy is shared only while the module's exports
 * have the same names as when it was made: a module imported while it is still loading (in a
 * require cycle) gains exports later, and whoever imports it then gets a fresh copy with them,
 * as without the wrapper. Anything but an object or a function goes straight to the helper.
 */
export const shareToESMHelper = `function __mfaShareToESM(toESM){const made=new WeakMap();return function(mod,isNodeMode){if(mod===null||(typeof mod!=="object"&&typeof mod!=="function"))return toESM(mod,isNodeMode);const names=Object.getOwnPropertyNames(mod).length;const slot=isNodeMode?1:0;let copies=made.get(mod);if(copies===undefined)made.set(mod,copies=[undefined,undefined]);const copy=copies[slot];if(copy!==undefined&&copy.names===names)return copy.ns;const ns=toESM(mod,isNodeMode);copies[slot]={ns,names};return ns;};}`;

/**
 * esbuild's `__toESM`, minified or not: `var NAME=(mod,isNodeMode,target)=>(target=mod!=null?`,
 * which goes on to copy the exports and set `default` unless `mod.__esModule`.
 */
const toESMDefinition =
  /(?:\bvar |,)([\w$]+) ?= ?\(([\w$]+), ?([\w$]+), ?([\w$]+)\) ?=> ?\(\4 ?= ?\2 ?!= ?null ?\?/g;

/**
 * Returns the bundle's text with its `__toESM` wrapped by `__mfaShareToESM` (which the caller must
 * put in the bundle's scope: shareToESMHelper) right after the statement that defines it, before
 * any module runs. Throws when the helper is not found exactly once, or looks unlike itself: an
 * esbuild upgrade that changes it must fail the build, not lose the sharing.
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
  const esModule = text.indexOf(`${match[2]}.__esModule`, match.index);
  const end = esModule === -1 ? -1 : text.indexOf(';', esModule);
  if (end === -1 || end - match.index > 1000) {
    throw new Error(`shareToESM: the __toESM helper (${name}) does not end as expected`);
  }
  return `${text.slice(0, end + 1)}${name}=__mfaShareToESM(${name});${text.slice(end + 1)}`;
}
