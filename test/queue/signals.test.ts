import { describe, expect, it, vi } from 'vitest';
import { onShutdown } from '../../src/queue/signals.js';

// process.emit only calls the listeners, so no real signal reaches the test runner.
describe('onShutdown', () => {
  it('runs fn once, however many signals arrive, and can be removed', async () => {
    const fn = vi.fn(async () => {});
    const before = process.listenerCount('SIGUSR2');
    const off = onShutdown(fn, { signals: ['SIGUSR2'], exit: false });
    expect(process.listenerCount('SIGUSR2')).toBe(before + 1);
    process.emit('SIGUSR2', 'SIGUSR2');
    process.emit('SIGUSR2', 'SIGUSR2');
    await vi.waitFor(() => expect(fn).toHaveBeenCalledTimes(1));
    off();
    expect(process.listenerCount('SIGUSR2')).toBe(before);
  });

  it('reports a failing shutdown to onError', async () => {
    const onError = vi.fn();
    const off = onShutdown(async () => Promise.reject(new Error('stuck')), {
      signals: ['SIGUSR2'],
      exit: false,
      onError,
    });
    process.emit('SIGUSR2', 'SIGUSR2');
    await vi.waitFor(() =>
      expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'stuck' })),
    );
    off();
  });
});
