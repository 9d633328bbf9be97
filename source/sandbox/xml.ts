// The XML bodies the sandbox answers with (query protocol): STS (2011-06-15) and IAM (2010-05-08).

export const namespaceOf = (service: string, version: string) =>
  `https://${service}.amazonaws.com/doc/${version}/`;

function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => `&${{'&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos'}[c]};`,
  );
}

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

function document(root: string, children: XmlChildren, namespace: string): string {
  return `<${root} xmlns="${namespace}">\n${render(children, '')}\n</${root}>\n`;
}

/** `<OpResponse><OpResult>…</OpResult><ResponseMetadata><RequestId>…` */
export function successXml(
  action: string,
  result: XmlNode | undefined,
  requestId: string,
  namespace: string,
): string {
  const children = {[`${action}Result`]: result, ResponseMetadata: {RequestId: requestId}};
  return document(`${action}Response`, children, namespace);
}

/** `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>` */
export function errorXml(
  error: {status: number; code: string; message: string},
  requestId: string,
  namespace = namespaceOf('sts', '2011-06-15'),
): string {
  const type = error.status >= 500 ? 'Receiver' : 'Sender';
  const children = {
    Error: {Type: type, Code: error.code, Message: error.message},
    RequestId: requestId,
  };
  return document('ErrorResponse', children, namespace);
}
