/**
 * A tiny XML reader for reading junit.xml back in tests: elements, attributes (entities
 * decoded), CDATA and text. Not a general parser: no DTDs, no namespaces, no processing
 * instructions beyond the XML declaration (which it skips).
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

function decode(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-fA-F]+|#[0-9]+);/g, (_m, e: string) => {
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'amp') return '&';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    return String.fromCodePoint(e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}

export function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  const token = /<!\[CDATA\[([\s\S]*?)\]\]>|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<\/([\w:.-]+)\s*>|<([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*"[^"]*")*)\s*(\/?)>|([^<]+)/g;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = token.exec(xml)) !== null) {
    if (m.index !== consumed) throw new Error(`unparsed XML at offset ${consumed}`);
    consumed = token.lastIndex;
    const top = stack[stack.length - 1];
    if (!top) throw new Error('unbalanced XML');
    const [, cdata, close, open, attrText, selfClose, text] = m;
    if (cdata !== undefined) top.text += cdata;
    else if (close !== undefined) {
      if (top.name !== close) throw new Error(`</${close}> closes <${top.name}>`);
      stack.pop();
    } else if (open !== undefined) {
      const attrs: Record<string, string> = {};
      for (const a of (attrText ?? '').matchAll(/([\w:.-]+)\s*=\s*"([^"]*)"/g)) attrs[a[1] ?? ''] = decode(a[2] ?? '');
      const el: XmlElement = { name: open, attrs, children: [], text: '' };
      top.children.push(el);
      if (selfClose !== '/') stack.push(el);
    } else if (text !== undefined) top.text += decode(text);
  }
  if (consumed !== xml.length || stack.length !== 1) throw new Error('truncated XML');
  const doc = root.children[0];
  if (!doc) throw new Error('empty XML');
  return doc;
}

/** Every descendant element named `name`, in document order. */
export function all(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children) {
    if (c.name === name) out.push(c);
    out.push(...all(c, name));
  }
  return out;
}
