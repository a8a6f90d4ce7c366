// Runs tests written for node:test (a plugin's, the new-rule scaffold's) inside Jest: node:test's
// describe/it are replaced by ones that record each test, and `runRecorded` runs them and says how
// each ended. Call captureNodeTests() at the top of the test file, before anything imports
// node:test.
import { jest } from '@jest/globals';

const recorded: Array<{ name: string; body: () => unknown }> = [];
const suites: string[] = [];

export function captureNodeTests(): void {
  jest.unstable_mockModule('node:test', () => ({
    describe: (name: string, body: () => void) => {
      suites.push(name);
      body();
      suites.pop();
    },
    it: (name: string, body: () => unknown) => recorded.push({ name: [...suites, name].join(' '), body }),
  }));
}

/** Each test recorded since the last call, by name: "pass", or the message it failed with. */
export async function runRecorded(): Promise<Record<string, string>> {
  const results: Record<string, string> = {};
  for (const { name, body } of recorded.splice(0)) {
    try {
      await body();
      results[name] = 'pass';
    } catch (error) {
      results[name] = (error as Error).message;
    }
  }
  return results;
}
