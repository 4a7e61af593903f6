// @vitest-environment happy-dom
import type { ReactNode } from 'react';
import { renderHook } from '@testing-library/react';
import { ReactFlow, ReactFlowProvider } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { useViewportPlan } from './viewportPlan';

function Flow({ children }: { children: ReactNode }) {
  return (
    <ReactFlowProvider>
      <div style={{ width: 800, height: 600 }}>
        <ReactFlow nodes={[]} edges={[]} defaultViewport={{ x: 0, y: 10, zoom: 1 }} />
      </div>
      {children}
    </ReactFlowProvider>
  );
}

describe('where the diagram is headed', () => {
  it('is the end of a move while it is under way, not the viewport half way', () => {
    const { result } = renderHook(() => useViewportPlan(), { wrapper: Flow });
    const end = { x: 8, y: -1200, zoom: 1.06 };
    result.current.go(end, 250);
    // Another move starting now (Home right after End) sets out from where this one ends.
    expect(result.current.where()).toEqual(end);
  });
});
