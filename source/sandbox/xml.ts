// The XML documents the sandbox answers with, as the query protocol (STS, IAM) writes them.

const entity: Record<string, string> = {'&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos'};
const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => `&${entity[c]};`);

/** A string is text, an object its children in order, an array repeats its element per item. */
export type XmlNode = string | XmlNode[] | XmlChildren;
type XmlChildren = {[name: string]: XmlNode | undefined};

function element(name: string, child: XmlNode, indent: string): string[] {
  if (Array.isArray(child)) return child.flatMap((item) => element(name, item, indent));
  if (typeof child === 'string') return [`${indent}  <${name}>${escapeXml(child)}</${name}>`];
  const inner = render(child, `${indent}  `);
  // An empty list or structure is an empty element, which both SDKs read as empty.
  if (inner === '') return [`${indent}  <${name}></${name}>`];
  return [`${indent}  <${name}>\n${inner}\n${indent}  </${name}>`];
}

function render(children: XmlChildren, indent: string): string {
  return Object.entries(children)
    .flatMap(([name, child]) => (child === undefined ? [] : element(name, child, indent)))
    .join('\n');
}

/** `<root xmlns="…">` with the children, as the query protocol answers. */
export function xmlDocument(root: string, children: XmlChildren, namespace: string): string {
  return `<${root} xmlns="${namespace}">\n${render(children, '')}\n</${root}>\n`;
}
