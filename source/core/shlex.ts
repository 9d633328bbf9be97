// Python's shlex.split in POSIX mode: what botocore splits `[profile …]` headers and
// credential_process lines with. The one splitter of the project.

// A run of shlex's white space (Python's shlex.whitespace: these four only), a '…' or "…" part, a
// backslash-escaped character, or plain text.
const PART = /([ \t\r\n]+)|'([^']*)'|"((?:[^"\\]|\\[\s\S])*)"|\\([\s\S])|([^ \t\r\n'"\\]+)/y;

/** A word, marked when any part of it was quoted or escaped (a shell would not read it as an operator). */
export type ShlexWord = {text: string; quoted: boolean};

/** The words of `s`; undefined when a quote is left open or a backslash ends it (shlex raises). */
export function shlexWords(s: string): ShlexWord[] | undefined {
  const out: ShlexWord[] = [];
  let word: ShlexWord | undefined;
  PART.lastIndex = 0;
  while (PART.lastIndex < s.length) {
    const m = PART.exec(s);
    if (!m) return undefined;
    const [, space, single, double, escaped, plain] = m;
    if (space !== undefined) {
      if (word) out.push(word);
      word = undefined;
      continue;
    }
    // Inside "…" a backslash escapes only `"` and `\`; before anything else it stays.
    const text = single ?? double?.replace(/\\(["\\])/g, '$1') ?? escaped ?? plain!;
    word ??= {text: '', quoted: false};
    word.text += text;
    word.quoted ||= plain === undefined;
  }
  if (word) out.push(word);
  return out;
}

/** The texts of shlexWords. */
export const shlexSplit = (s: string): string[] | undefined => shlexWords(s)?.map((w) => w.text);
