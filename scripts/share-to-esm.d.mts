/** The function that wraps esbuild's `__toESM` (put it in the bundle's scope). */
export const shareToESMHelper: string;
/** The bundle with its `__toESM` wrapped; throws if the helper is not found exactly once. */
export function shareToESM(text: string): string;
