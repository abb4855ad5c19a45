/**
 * JSON text in pieces: the same characters JSON.stringify(value, null, 2) would produce, yielded element by element
 * down to `depth` levels, so a report or an inventory of any size is written without building one huge string
 * (V8 strings stop near 512 MB, and a 22 MB report made three copies of itself on the way to disk).
 */
export function* jsonChunks(value: unknown, depth = 3, indent = ''): Generator<string> {
  if (depth <= 0 || value === null || typeof value !== 'object' || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    yield reindent(JSON.stringify(value, null, 2) ?? 'null', indent);
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    yield '[\n';
    for (let i = 0; i < value.length; i += 1) {
      yield inner;
      // As JSON.stringify does, an undefined or function element is written as null.
      const item = value[i] === undefined || typeof value[i] === 'function' ? null : value[i];
      yield* jsonChunks(item, depth - 1, inner);
      yield i < value.length - 1 ? ',\n' : '\n';
    }
    yield `${indent}]`;
    return;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol');
  if (entries.length === 0) {
    yield '{}';
    return;
  }
  yield '{\n';
  for (let i = 0; i < entries.length; i += 1) {
    const [key, v] = entries[i] as [string, unknown];
    yield `${inner}${JSON.stringify(key)}: `;
    yield* jsonChunks(v, depth - 1, inner);
    yield i < entries.length - 1 ? ',\n' : '\n';
  }
  yield `${indent}}`;
}

function reindent(text: string, indent: string): string {
  return indent === '' || !text.includes('\n') ? text : text.replace(/\n/g, `\n${indent}`);
}

/** A document in pieces, ending with a newline (as the files have always ended). */
export function* jsonDocument(value: unknown, depth = 3): Generator<string> {
  yield* jsonChunks(value, depth);
  yield '\n';
}
