// Text from the files on its way to a terminal. A profile name is whatever sits between the brackets
// of a header, control characters included; a terminal acts on those (an ESC starts a sequence that
// can recolour the screen or move the cursor), so none is ever printed as is.
// Printable ASCII, the common case: nothing to replace.
const plainAscii = /^[\x20-\x7e]*$/;
// C0 controls, DEL and C1 controls.
const controls = /[\u0000-\u001f\u007f-\u009f]/g;

/** Each control character shown as its Unicode control picture (ESC as ␛, TAB as ␉, DEL as ␡; C1 as �). */
export function printable(text: string): string {
  if (plainAscii.test(text)) return text;
  return text.replace(controls, (c) => {
    const code = c.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    return code === 0x7f ? '\u2421' : '\ufffd';
  });
}

/** Whether text is printable ASCII: one terminal column per character. */
export const isPlainAscii = (text: string): boolean => plainAscii.test(text);

/** The terminal columns a text takes. */
export type Width = (text: string) => number;

/**
 * A width function for these texts: their length when all are printable ASCII, else string-width's
 * count (CJK and emoji two columns, combining marks none), loaded only then: it builds Unicode
 * tables as it loads, which most tables never need.
 */
export async function widthFor(texts: string[]): Promise<Width> {
  if (texts.every(isPlainAscii)) return (text) => text.length;
  const {default: stringWidth} = await import('string-width');
  return (text) => (plainAscii.test(text) ? text.length : stringWidth(text));
}
