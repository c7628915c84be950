/**
 * Atlassian Document Format, the rich text of Jira Cloud's REST v3 (descriptions, multi-line
 * custom fields, comments), as plain text: what a person reading the ticket sees as its words.
 * The completeness check compares that text with the policy's placeholders, so anything that is
 * not content a person wrote is left out: a template's `placeholder` prompts, images and rules.
 * https://developer.atlassian.com/cloud/jira/platform/apis/document/structure/
 */

export interface AdfNode {
  type?: string;
  text?: string;
  attrs?: Record<string, unknown>;
  content?: AdfNode[];
}

/** Whether a field value is an ADF document rather than plain text or another field type. */
export function isAdfDocument(value: unknown): value is AdfNode {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as AdfNode).type === 'doc' &&
    Array.isArray((value as AdfNode).content)
  );
}

function attribute(node: AdfNode, name: string): string | undefined {
  const value = node.attrs?.[name];
  return typeof value === 'string' || typeof value === 'number'
    ? String(value)
    : undefined;
}

/** Blocks that stand on lines of their own, set apart by a blank line. */
const PARAGRAPHS = new Set([
  'paragraph',
  'heading',
  'codeBlock',
  'blockquote',
  'panel',
]);
/** Blocks that are one line each, as a list shows them. */
const ITEMS = new Set(['listItem', 'taskItem', 'decisionItem']);

function render(node: AdfNode): string {
  switch (node.type) {
    case 'text':
      return node.text ?? '';
    case 'hardBreak':
      return '\n';
    case 'mention':
    case 'emoji':
    case 'status':
      return attribute(node, 'text') ?? attribute(node, 'shortName') ?? '';
    case 'inlineCard':
      return attribute(node, 'url') ?? '';
    case 'blockCard':
    case 'embedCard':
      return `${attribute(node, 'url') ?? ''}\n\n`;
    case 'date': {
      const timestamp = Number(attribute(node, 'timestamp'));
      return Number.isFinite(timestamp)
        ? new Date(timestamp).toISOString().slice(0, 10)
        : '';
    }
    // A template's prompt ("Describe the rollback") is shown greyed out and is no one's answer.
    case 'placeholder':
    case 'media':
    case 'mediaInline':
    case 'rule':
      return '';
    default:
      break;
  }
  const inner = (node.content ?? []).map(render);
  if (node.type === 'tableRow') {
    return `${inner.map(cell => cell.trim()).join(' | ')}\n`;
  }
  if (ITEMS.has(node.type ?? '')) return `- ${inner.join('').trim()}\n`;
  if (PARAGRAPHS.has(node.type ?? '')) return `${inner.join('')}\n\n`;
  const title = node.type?.endsWith('xpand') ? attribute(node, 'title') : '';
  return `${title ? `${title}\n\n` : ''}${inner.join('')}`;
}

/** The document's text, paragraphs apart by a blank line, trimmed; '' for a document of no words. */
export function adfToText(document: AdfNode): string {
  return render(document)
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
