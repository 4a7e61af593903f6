// Adds the DOM matchers (toBeInTheDocument, ...) for component tests; harmless in the node environment.
import '@testing-library/jest-dom/vitest';
