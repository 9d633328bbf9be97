// How the frame's lines and columns are shared out. Used by the reducer (to keep the cursor in
// view) and by the view (to draw exactly that many rows), so both always agree.

/** Lines of the renew panel, borders included. */
export const renewPanelHeight = 12;

export type FrameParts = {rows: number; banner: boolean; warnings: boolean; renewOpen: boolean};

/** Lines the frame may use: one less than the terminal, so Ink never takes the clear-screen path. */
export function frameHeight(rows: number): number {
  return Math.max(4, rows - 1);
}

/** Lines above the body (banner, title, active identity, warnings) and below it (status, keys). */
const chromeHeight = (parts: Pick<FrameParts, 'banner' | 'warnings'>) =>
  (parts.banner ? 1 : 0) + 2 + (parts.warnings ? 1 : 0) + 2;

/** Lines for the body of a screen, between the header and the status line. */
export function bodyHeight(parts: FrameParts): number {
  return Math.max(1, frameHeight(parts.rows) - chromeHeight(parts));
}

/** Profile rows that fit under the column header (and above the renew panel when it is open). */
export function listHeight(parts: FrameParts): number {
  return Math.max(1, bodyHeight(parts) - 1 - (parts.renewOpen ? renewPanelHeight : 0));
}

/**
 * With the renew panel open: the panel alone on a short terminal, a line saying so on one too short
 * for it, so the frame never grows past the terminal (Ink cannot redraw lines scrolled away).
 */
export function renewLayout(parts: FrameParts): 'list-and-panel' | 'panel' | 'too-short' {
  const body = bodyHeight(parts);
  if (body - 1 - renewPanelHeight >= 1) return 'list-and-panel';
  return body >= renewPanelHeight ? 'panel' : 'too-short';
}

/** Terminal rows the renew panel needs (with the header, status line and key bar). */
export function renewMinRows(parts: Pick<FrameParts, 'banner' | 'warnings'>): number {
  return renewPanelHeight + chromeHeight(parts) + 1;
}

/** The kind column: wide enough for `long-term keys`, or for the short labels (`long-term`). */
export const kindWidths = {long: 14, short: 9};
/** Narrower than this, a name loses what tells rows apart: kinds, devices and links give way first. */
const nameFloor = 14;
const sideFloor = 5;

/** Names, devices and links in proportion to what is left. */
function shareWide(left: number) {
  const flexible = Math.max(12, left);
  const name = Math.min(36, Math.floor(flexible * 0.4));
  const device = Math.min(32, Math.floor(flexible * 0.32));
  return {name, device, link: Math.min(26, flexible - name - device)};
}

/** The name first (up to nameFloor; half when even that is too much), devices and links halving the rest. */
function shareNarrow(left: number) {
  const flexible = Math.max(12, left);
  const first = Math.min(nameFloor, Math.max(Math.ceil(flexible / 2), flexible - 2 * sideFloor));
  const name = Math.max(Math.floor(flexible * 0.4), first);
  const device = Math.ceil((flexible - name) / 2);
  return {name, device, link: flexible - name - device};
}

/**
 * Column widths for a terminal `width` wide. When narrow, the kind column takes its short labels and
 * devices and links shrink before the name and the expiry (which row, and whether it needs renewing).
 */
export function profileColumns(width: number) {
  const gap = width >= 110 ? 2 : 1;
  const marker = 2;
  const key = 4;
  const minExpiry = 18;
  const shared = width - marker - key - minExpiry - gap * 5;
  const wide = shareWide(shared - kindWidths.long);
  const narrow = wide.name < nameFloor;
  const kind = narrow ? kindWidths.short : kindWidths.long;
  const {name, device, link} = narrow ? shareNarrow(shared - kind) : wide;
  const expiry = Math.max(minExpiry, width - marker - name - kind - key - device - link - gap * 5);
  return {marker, name, kind, key, device, link, expiry, gap};
}

export type Columns = ReturnType<typeof profileColumns>;

/** The first visible row that keeps `cursor` on a page of `height` rows, moving as little as possible. */
export function scrollFor(cursor: number, top: number, height: number, count: number): number {
  if (cursor < top) top = cursor;
  if (cursor >= top + height) top = cursor - height + 1;
  return Math.max(0, Math.min(top, Math.max(0, count - height)));
}
