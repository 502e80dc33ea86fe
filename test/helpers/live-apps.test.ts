import { describe, expect, it } from 'vitest';
import { disposeLeftoverApps, registerLiveApp } from './live-apps.js';

describe('test-app registry', () => {
  it('disposes of the apps still registered, once, and forgets those disposed of', async () => {
    const disposed: string[] = [];
    registerLiveApp('a', async () => void disposed.push('a'));
    const unregisterB = registerLiveApp('b', async () => void disposed.push('b'));
    registerLiveApp('c', async () => {
      disposed.push('c');
      throw new Error('closing failed');
    });
    unregisterB();
    expect(await disposeLeftoverApps()).toEqual(['a', 'c']);
    expect(disposed).toEqual(['a', 'c']);
    expect(await disposeLeftoverApps()).toEqual([]);
  });
});
