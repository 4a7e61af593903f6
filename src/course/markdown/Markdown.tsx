/**
 * The thin React layer over parseMarkdown: every node becomes an element, every string a text
 * child (React escapes it); nothing is ever set as HTML. Simulator links become "Try it" links and
 * app links go through `navigate`; external links open normally with rel="noreferrer".
 */
import { useMemo, type ReactNode } from 'react';
import { HashLink, type Navigate } from '../../components/HashLink';
import { describeSimHref } from '../simLinks';
import { highlightHttp } from './http';
import { inlineText, type Inline } from './inline';
import { linkTarget } from './links';
import { parseMarkdown, type Block } from './parse';
import './markdown.css';

interface MarkdownProps {
  source: string;
  navigate: Navigate;
}

export function Markdown({ source, navigate }: MarkdownProps) {
  const blocks = useMemo(() => parseMarkdown(source), [source]);
  return <div className="md">{renderBlocks(blocks, navigate)}</div>;
}

/** Inline Markdown alone (a rule's text, a table cell) with the same link handling. */
export function InlineMarkdown({ source, navigate }: MarkdownProps) {
  const blocks = useMemo(() => parseMarkdown(source), [source]);
  const nodes = blocks.flatMap((block) => (block.type === 'paragraph' ? block.children : []));
  return <>{renderInlines(nodes, navigate)}</>;
}

const LANGUAGE_LABELS: Record<string, string> = { http: 'HTTP', json: 'JSON', sh: 'Shell', bash: 'Shell' };

export function CodeBlock({ lang, value }: { lang: string; value: string }) {
  const label = LANGUAGE_LABELS[lang] ?? (lang === '' ? 'Code' : lang.toUpperCase());
  return (
    <div className={`md-code md-code--${lang === '' ? 'plain' : lang}`}>
      <span className="md-code__lang" aria-hidden="true">
        {label}
      </span>
      {/* Focusable so that keyboard users can scroll long lines; named for screen readers. */}
      <pre tabIndex={0} role="group" aria-label={`${label} example`}>
        <code>{lang === 'http' ? <HttpLines text={value} /> : value}</code>
      </pre>
    </div>
  );
}

function HttpLines({ text }: { text: string }) {
  const lines = highlightHttp(text);
  return (
    <>
      {lines.map((line, index) => (
        <span key={index} className={`http-line http-line--${line.kind}`}>
          {line.parts.map((part, partIndex) => (
            <span key={partIndex} className={`http-${part.kind}`}>
              {part.kind === 'target' ? <Target text={part.text} /> : part.text}
            </span>
          ))}
          {index < lines.length - 1 ? '\n' : null}
        </span>
      ))}
    </>
  );
}

/** Past this length a request target's query shows one parameter per line. */
const LONG_TARGET = 60;

/**
 * A request target: a long query is laid out one parameter per line (each `&name=value` a block),
 * so a missing parameter can be spotted without scrolling sideways. Only the layout changes: the
 * text, and what a copy or a screen reader gets, is the request exactly as written.
 */
function Target({ text }: { text: string }) {
  const query = text.indexOf('?');
  if (text.length <= LONG_TARGET || query === -1) return text;
  const pieces = text.slice(query).split(/(?=&)/);
  return (
    <>
      {text.slice(0, query)}
      {pieces.map((piece, index) => (
        <span key={index} className="http-param">
          {piece}
        </span>
      ))}
    </>
  );
}

/** A paragraph made only of simulator links (and separators) is a row of "Try it" buttons. */
function isTryItRow(nodes: readonly Inline[]): boolean {
  let links = 0;
  for (const node of nodes) {
    if (node.type === 'link' && linkTarget(node.href).kind === 'sim') links++;
    else if (node.type !== 'text' || !/^[\s·|,]*$/.test(node.value)) return false;
  }
  return links > 0;
}

// The page title is the only h1: a body's "#" heading is shown as h2.
const HEADING_TAGS = { 1: 'h2', 2: 'h2', 3: 'h3', 4: 'h4', 5: 'h5', 6: 'h6' } as const;

function renderBlocks(blocks: readonly Block[], navigate: Navigate, tight = false): ReactNode[] {
  return blocks.map((block, index) => renderBlock(block, index, navigate, tight));
}

function renderBlock(block: Block, key: number, navigate: Navigate, tight: boolean): ReactNode {
  switch (block.type) {
    case 'heading': {
      const Tag = HEADING_TAGS[block.level];
      return <Tag key={key}>{renderInlines(block.children, navigate)}</Tag>;
    }
    case 'paragraph':
      if (tight) return <span key={key}>{renderInlines(block.children, navigate)}</span>;
      return (
        <p key={key} className={isTryItRow(block.children) ? 'md-tryit-row' : undefined}>
          {renderInlines(block.children, navigate)}
        </p>
      );
    case 'code':
      return <CodeBlock key={key} lang={block.lang} value={block.value} />;
    case 'list': {
      const items = block.items.map((item, index) => (
        <li key={index}>{renderBlocks(item, navigate, block.tight)}</li>
      ));
      return block.ordered ? (
        <ol key={key} start={block.start === 1 ? undefined : block.start}>
          {items}
        </ol>
      ) : (
        <ul key={key}>{items}</ul>
      );
    }
    case 'table':
      return <Table key={key} block={block} navigate={navigate} />;
    case 'blockquote':
      return <blockquote key={key}>{renderBlocks(block.children, navigate)}</blockquote>;
    case 'hr':
      return <hr key={key} />;
  }
}

function Table({ block, navigate }: { block: Extract<Block, { type: 'table' }>; navigate: Navigate }) {
  const caption = block.head.map((cell) => inlineText(cell)).join(', ');
  const style = (column: number) => {
    const align = block.align[column];
    return align ? { textAlign: align } : undefined;
  };
  return (
    <div className="md-table" tabIndex={0} role="region" aria-label={`Table: ${caption}`}>
      <table>
        <thead>
          <tr>
            {block.head.map((cell, column) => (
              <th key={column} scope="col" style={style(column)}>
                {renderInlines(cell, navigate)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {block.rows.map((row, index) => (
            <tr key={index}>
              {row.map((cell, column) => (
                <td key={column} style={style(column)}>
                  {renderInlines(cell, navigate)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function renderInlines(nodes: readonly Inline[], navigate: Navigate): ReactNode[] {
  return nodes.map((node, index) => renderInline(node, index, navigate));
}

function renderInline(node: Inline, key: number, navigate: Navigate): ReactNode {
  switch (node.type) {
    case 'text':
      return node.value;
    case 'strong':
      return <strong key={key}>{renderInlines(node.children, navigate)}</strong>;
    case 'em':
      return <em key={key}>{renderInlines(node.children, navigate)}</em>;
    case 'code':
      return <code key={key}>{node.value}</code>;
    case 'break':
      return <br key={key} />;
    case 'link':
      return <MarkdownLink key={key} href={node.href} label={node.children} navigate={navigate} />;
  }
}

function MarkdownLink({ href, label, navigate }: { href: string; label: Inline[]; navigate: Navigate }) {
  const target = linkTarget(href);
  const children = renderInlines(label, navigate);
  switch (target.kind) {
    case 'sim':
      return (
        <HashLink
          href={target.href}
          navigate={navigate}
          className="md-tryit"
          title={describeSimHref(target.href) ?? undefined}
        >
          <span className="md-tryit__icon" aria-hidden="true">
            ▶
          </span>
          {children}
        </HashLink>
      );
    case 'lesson':
    case 'app':
      return (
        <HashLink href={target.href} navigate={navigate}>
          {children}
        </HashLink>
      );
    case 'external':
      return (
        <a href={target.href} rel="noreferrer">
          {children}
        </a>
      );
    case 'none':
      return <span className="md-unlinked">{children}</span>;
  }
}
