/** Renders `backtick` spans of the reference texts as <code>, everything else as plain text. */
export function InlineCode({ text }: { text: string }) {
  const parts = text.split('`');
  return (
    <>{parts.map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : <span key={i}>{part}</span>))}</>
  );
}
