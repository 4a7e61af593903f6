// @vitest-environment happy-dom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CodeBlock, InlineMarkdown, Markdown } from './Markdown';

afterEach(cleanup);

describe('Markdown', () => {
  it('renders headings, emphasis, code, lists, quotes and rules as elements', () => {
    const source = [
      '# Title',
      '## Section',
      'Some **strong** and *emphasised* text with `code`.',
      '',
      '1. first',
      '2. second',
      '',
      '- bullet',
      '',
      '> quoted',
      '',
      '---',
    ].join('\n');
    const { container } = render(<Markdown source={source} navigate={vi.fn()} />);
    // A body's h1 is shown as h2: the page title stays the only h1.
    expect(screen.queryByRole('heading', { level: 1 })).toBeNull();
    expect(screen.getAllByRole('heading', { level: 2 }).map((heading) => heading.textContent)).toEqual([
      'Title',
      'Section',
    ]);
    expect(container.querySelector('strong')).toHaveTextContent('strong');
    expect(container.querySelector('em')).toHaveTextContent('emphasised');
    expect(container.querySelector('p code')).toHaveTextContent('code');
    const [ordered, bullets] = screen.getAllByRole('list');
    expect(ordered?.tagName).toBe('OL');
    expect(within(ordered as HTMLElement).getAllByRole('listitem')).toHaveLength(2);
    expect(bullets?.tagName).toBe('UL');
    expect(container.querySelector('blockquote')).toHaveTextContent('quoted');
    expect(container.querySelector('hr')).not.toBeNull();
  });

  it('keeps an ordered list’s start number', () => {
    const { container } = render(<Markdown source={'4. four\n5. five'} navigate={vi.fn()} />);
    expect(container.querySelector('ol')).toHaveAttribute('start', '4');
  });

  it('renders a "Try it" link that navigates to its simulator hash and is named by its text', async () => {
    const navigate = vi.fn();
    const href = '#/sim?scenario=first-connection&reg=dcr&at=mcp-unauthenticated';
    render(<Markdown source={`Intro.\n\n[Try it: the 401](${href})`} navigate={navigate} />);
    const link = screen.getByRole('link', { name: 'Try it: the 401' });
    expect(link).toHaveAttribute('href', href);
    expect(link).toHaveClass('md-tryit');
    expect(link.getAttribute('title')).toMatch(/First connection.*MCP request without a token/);
    await userEvent.click(link);
    expect(navigate).toHaveBeenCalledWith(href);
  });

  it('lays out a paragraph of only simulator links as a row of buttons, and inline ones inline', () => {
    const { container } = render(
      <Markdown
        source={
          '[Try it: defence off](#/sim?attack=mix-up&defence=off) · [defence on](#/sim?attack=mix-up&defence=on)\n\nRead [on](#/sim?attack=mix-up) here.'
        }
        navigate={vi.fn()}
      />,
    );
    const [row, prose] = container.querySelectorAll('p');
    expect(row).toHaveClass('md-tryit-row');
    expect(prose).not.toHaveClass('md-tryit-row');
    expect(screen.getByRole('link', { name: 'defence on' })).toHaveAttribute(
      'href',
      '#/sim?attack=mix-up&defence=on',
    );
  });

  it('navigates lesson links through navigate, and not on modified clicks', async () => {
    const navigate = vi.fn();
    render(<Markdown source="Next: [client registration](#/lessons/registration)." navigate={navigate} />);
    const link = screen.getByRole('link', { name: 'client registration' });
    await userEvent.click(link);
    expect(navigate).toHaveBeenCalledWith('#/lessons/registration');
    navigate.mockClear();
    // A ctrl-click is the browser's (open in a new tab), not the app's.
    const user = userEvent.setup();
    await user.keyboard('{Control>}');
    await user.click(link);
    await user.keyboard('{/Control}');
    expect(navigate).not.toHaveBeenCalled();
  });

  it('opens external links normally with rel="noreferrer" and no navigate', async () => {
    const navigate = vi.fn();
    render(
      <Markdown
        source="See [the spec](https://modelcontextprotocol.io/specification)."
        navigate={navigate}
      />,
    );
    const link = screen.getByRole('link', { name: 'the spec' });
    expect(link).toHaveAttribute('href', 'https://modelcontextprotocol.io/specification');
    expect(link).toHaveAttribute('rel', 'noreferrer');
    expect(link).not.toHaveAttribute('target');
    // Stop happy-dom from leaving the page, after React has seen the click (document is above the root).
    const stay = (event: Event) => event.preventDefault();
    document.addEventListener('click', stay);
    await userEvent.click(link);
    document.removeEventListener('click', stay);
    expect(navigate).not.toHaveBeenCalled();
  });

  it('never renders raw HTML or script URLs', () => {
    const { container } = render(
      <Markdown
        source={'<script>alert(1)</script>\n\n<img src=x onerror="alert(1)">\n\n[click](javascript:alert(1))'}
        navigate={vi.fn()}
      />,
    );
    expect(container.querySelector('script, img')).toBeNull();
    expect(container).toHaveTextContent('<script>alert(1)</script>');
    expect(screen.queryByRole('link')).toBeNull();
    expect(screen.getByText('click')).toHaveClass('md-unlinked');
  });

  it('renders a table with column headers, alignment and a labelled, focusable scroll region', () => {
    render(
      <Markdown
        source={'| Value | Why |\n|---|--:|\n| `state` | CSRF <br> protection |'}
        navigate={vi.fn()}
      />,
    );
    const region = screen.getByRole('region', { name: 'Table: Value, Why' });
    expect(region).toHaveAttribute('tabindex', '0');
    const table = within(region).getByRole('table');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((cell) => cell.textContent),
    ).toEqual(['Value', 'Why']);
    const cells = within(table).getAllByRole('cell');
    expect(cells[0]?.querySelector('code')).toHaveTextContent('state');
    expect(cells[1]?.querySelector('br')).not.toBeNull();
    expect(cells[1]).toHaveStyle({ textAlign: 'right' });
  });
});

describe('CodeBlock', () => {
  it('shows an HTTP message in a focusable, labelled block with its text unchanged', () => {
    const value = 'POST /mcp HTTP/1.1\nHost: mcp.example.com\n\n{"a":1}';
    const { container } = render(<CodeBlock lang="http" value={value} />);
    const block = screen.getByRole('group', { name: 'HTTP example' });
    expect(block.tagName).toBe('PRE');
    expect(block).toHaveAttribute('tabindex', '0');
    expect(block.textContent).toBe(value);
    expect(container.querySelector('.http-method')).toHaveTextContent('POST');
    expect(container.querySelector('.http-name')).toHaveTextContent('Host:');
  });

  it('shows other code as plain text', () => {
    render(<CodeBlock lang="json" value={'{"issuer": "<x>"}'} />);
    const block = screen.getByRole('group', { name: 'JSON example' });
    expect(block.textContent).toBe('{"issuer": "<x>"}');
    expect(block.querySelector('.http-line')).toBeNull();
  });
});

describe('InlineMarkdown', () => {
  it('renders only inline content, with code', () => {
    const { container } = render(
      <InlineMarkdown source="Use `resource_metadata` from `WWW-Authenticate`" navigate={vi.fn()} />,
    );
    expect(container.querySelector('p')).toBeNull();
    expect(container.querySelectorAll('code')).toHaveLength(2);
    expect(container).toHaveTextContent('Use resource_metadata from WWW-Authenticate');
  });
});
