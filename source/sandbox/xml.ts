// The XML bodies STS answers with (query protocol, namespace 2011-06-15).

export const stsNamespace = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** Escapes text for an XML element body or attribute. */
export function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => `&${{'&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos'}[c]};`,
  );
}

/** A nested element tree: strings are text, objects are children in insertion order. */
export type XmlNode = string | {[name: string]: XmlNode | undefined};

function render(node: XmlNode, indent: string): string {
  if (typeof node === 'string') return escapeXml(node);
  const inner = Object.entries(node)
    .filter((entry): entry is [string, XmlNode] => entry[1] !== undefined)
    .map(([name, child]) =>
      typeof child === 'string'
        ? `${indent}  <${name}>${escapeXml(child)}</${name}>`
        : `${indent}  <${name}>\n${render(child, `${indent}  `)}\n${indent}  </${name}>`,
    );
  return inner.join('\n');
}

/** `<OpResponse><OpResult>…</OpResult><ResponseMetadata><RequestId>…` */
export function successXml(action: string, result: XmlNode, requestId: string): string {
  return `<${action}Response xmlns="${stsNamespace}">
${render({[`${action}Result`]: result, ResponseMetadata: {RequestId: requestId}}, '')}
</${action}Response>
`;
}

/** `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>` */
export function errorXml(
  error: {type: 'Sender' | 'Receiver'; code: string; message: string},
  requestId: string,
): string {
  return `<ErrorResponse xmlns="${stsNamespace}">
${render({Error: {Type: error.type, Code: error.code, Message: error.message}, RequestId: requestId}, '')}
</ErrorResponse>
`;
}
